package dev.trainyard.batch.service;

/** A request that does not fit the resource's current state, such as retrying a cancelled batch. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
