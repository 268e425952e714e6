package dev.trainyard.worker.client;

import dev.trainyard.worker.config.ClaudeConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Opens after a run of consecutive failed calls (5xx, 529, timeouts) and holds every call of this worker
 * back while open, so an API in trouble is not hammered by all calls in flight. Unlike a fail-fast breaker
 * it delays calls instead of failing them: an open breaker must not use up items' attempts. After the
 * open time, calls go through again; the next failure re-opens it at once.
 */
@ApplicationScoped
public class CircuitBreaker {

    private final int threshold;
    private final long openForNanos;
    private int consecutiveFailures;
    private long openUntil;

    @jakarta.inject.Inject
    public CircuitBreaker(ClaudeConfig config) {
        this(config.breakerThreshold(), config.breakerOpenFor());
    }

    public CircuitBreaker(int threshold, Duration openFor) {
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
    }

    /** How long a call must wait before it may go out (zero while closed). */
    public synchronized Duration waitTime() {
        long remaining = openUntil - System.nanoTime();
        return remaining > 0 ? Duration.ofNanos(remaining) : Duration.ZERO;
    }

    public synchronized boolean isOpen() {
        return openUntil - System.nanoTime() > 0;
    }

    public synchronized void success() {
        consecutiveFailures = 0;
    }

    public synchronized void failure() {
        consecutiveFailures++;
        if (consecutiveFailures >= threshold && !isOpen()) {
            openUntil = System.nanoTime() + openForNanos;
            Log.warnf(
                    "circuit breaker open for %d ms after %d consecutive failures",
                    openForNanos / 1_000_000, consecutiveFailures);
        }
    }
}
