package dev.trainyard.simulator.service;

/**
 * A token bucket like the one the real API uses: it holds up to one minute's allowance and refills
 * continuously at limit/60 per second, so a full minute's worth may be spent at once and then trickles.
 * A limit of 0 means unlimited.
 */
final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final long limit;
    private double tokens;
    private long refilledAt;

    TokenBucket(long limit, long nowNanos) {
        this.limit = limit;
        this.tokens = limit;
        this.refilledAt = nowNanos;
    }

    long limit() {
        return limit;
    }

    boolean unlimited() {
        return limit <= 0;
    }

    synchronized boolean has(long amount, long nowNanos) {
        refill(nowNanos);
        return unlimited() || tokens >= Math.min(amount, limit);
    }

    synchronized void take(long amount, long nowNanos) {
        refill(nowNanos);
        if (!unlimited()) {
            tokens -= amount;
        }
    }

    synchronized long remaining(long nowNanos) {
        refill(nowNanos);
        return unlimited() ? 0 : Math.max(0, (long) Math.floor(tokens));
    }

    /** Nanoseconds until {@code amount} tokens are available (0 if they are). */
    synchronized long nanosUntil(long amount, long nowNanos) {
        refill(nowNanos);
        double missing = Math.min(amount, limit) - tokens;
        return unlimited() || missing <= 0 ? 0 : (long) Math.ceil(missing * NANOS_PER_MINUTE / limit);
    }

    /** Nanoseconds until the bucket is full again, what the {@code -reset} headers report. */
    synchronized long nanosUntilFull(long nowNanos) {
        return nanosUntil(limit, nowNanos);
    }

    private void refill(long nowNanos) {
        if (unlimited()) {
            return;
        }
        double added = (nowNanos - refilledAt) * limit / NANOS_PER_MINUTE;
        tokens = Math.min(limit, tokens + added);
        refilledAt = nowNanos;
    }
}
