package dev.trainyard.batch.service;

/** An id that does not exist for the calling tenant (another tenant's ids look the same as missing ones). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
