package dev.trainyard.worker.service;

/** The model's output is not the conversation the prompt asked for. */
public class InvalidOutputException extends RuntimeException {

    public InvalidOutputException(String message) {
        super(message);
    }
}
