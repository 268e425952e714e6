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
    private final transient RateLimitHeaders limits;

    public ClaudeApiException(
            int status, String errorType, String message, Optional<Duration> retryAfter, RateLimitHeaders limits) {
        super("HTTP " + status + " " + errorType + ": " + message);
        this.status = status;
        this.errorType = errorType;
        this.retryAfter = retryAfter;
        this.limits = limits;
    }

    public RateLimitHeaders limits() {
        return limits;
    }

    /** 529: the API is overloaded as a whole; waiting it out must not use up an item's attempts. */
    public boolean overloaded() {
        return status == 529;
    }

    /** 429 with retry-after: the rate limit; wait as told. */
    public boolean rateLimited() {
        return status == 429 && retryAfter.isPresent();
    }

    /** 429 without retry-after: the organisation's budget is spent; retrying each item cannot help. */
    public boolean budgetSpent() {
        return status == 429 && retryAfter.isEmpty();
    }

    /** 5xx other than 529, and 408: worth another attempt after a backoff. */
    public boolean serverError() {
        return (status >= 500 && status != 529) || status == 408;
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
