package dev.trainyard.worker.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The API answered with an error status.
 *
 * @param status HTTP status (429, 529, 5xx, 400, ...)
 * @param errorType the error body's {@code error.type}, or "unknown" when the body had none
 * @param retryAfter the {@code retry-after} header, when present
 */
public class ClaudeApiException extends RuntimeException {

    private final int status;
    private final String errorType;
    private final transient Optional<Duration> retryAfter;

    public ClaudeApiException(int status, String errorType, String message, Optional<Duration> retryAfter) {
        super("HTTP " + status + " " + errorType + ": " + message);
        this.status = status;
        this.errorType = errorType;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
