package dev.trainyard.worker.client;

/** Retries on overload, server errors or timeouts ran out for one item. */
public class UpstreamUnavailableException extends RuntimeException {

    public UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
