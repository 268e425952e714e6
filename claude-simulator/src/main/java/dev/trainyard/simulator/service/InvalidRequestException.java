package dev.trainyard.simulator.service;

/** A request the real API would reject with 400 {@code invalid_request_error}; the message names the field. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
