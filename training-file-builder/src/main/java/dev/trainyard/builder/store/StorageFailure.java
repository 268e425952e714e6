package dev.trainyard.builder.store;

/** Storage could not make an append durable or lost committed bytes: the builder must stop, not retry. */
public class StorageFailure extends RuntimeException {

    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageFailure(String message) {
        super(message);
    }
}
