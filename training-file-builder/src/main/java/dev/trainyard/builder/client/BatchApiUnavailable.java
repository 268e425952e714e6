package dev.trainyard.builder.client;

/** batch-api could not be asked for conversations (down, refusing the key, or answering errors). */
public class BatchApiUnavailable extends RuntimeException {

    public BatchApiUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
