package dev.trainyard.worker.client;

import dev.trainyard.worker.config.RateLimitConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The limits in force and the admission rule both ledgers (PostgreSQL and in-memory) apply: a call is
 * admitted when, counted over the sliding window, requests + 1, input + its estimate and output + its
 * max_tokens all stay within their limits. Limits start from configuration and are tightened to lower
 * values the API reports in its {@code anthropic-ratelimit-*-limit} headers.
 */
@ApplicationScoped
public class LimitPolicy {

    private final RateLimitConfig config;
    private volatile Limits limits;

    /** Requests, input and output tokens per window; 0 = unlimited. */
    public record Limits(long rpm, long itpm, long otpm) {}

    /** What the window already holds. */
    public record WindowUsage(long requests, long inputTokens, long outputTokens) {}

    public LimitPolicy(RateLimitConfig config) {
        this.config = config;
        this.limits = new Limits(config.rpm(), config.itpm(), config.otpm());
    }

    public Limits limits() {
        return limits;
    }

    /** The window calls are counted over: the API's window plus the arrival margin. */
    public Duration window() {
        return config.window().plus(config.arrivalMargin());
    }

    public Duration maxPoll() {
        return config.maxPoll();
    }

    /**
     * Whether a call fits. An empty window always admits, so a call larger than a limit still runs
     * (alone) instead of waiting forever.
     */
    public boolean admits(WindowUsage usage, long input, long output) {
        Limits l = limits;
        if (usage.requests() == 0) {
            return true;
        }
        return within(l.rpm(), usage.requests() + 1)
                && within(l.itpm(), usage.inputTokens() + input)
                && within(l.otpm(), usage.outputTokens() + output);
    }

    public void observe(RateLimitHeaders headers) {
        Limits current = limits;
        Limits tightened = new Limits(
                tighter(current.rpm(), headers.requestsLimit()),
                tighter(current.itpm(), headers.inputTokensLimit()),
                tighter(current.otpm(), headers.outputTokensLimit()));
        if (!tightened.equals(current)) {
            limits = tightened;
            Log.warnf("rate limits tightened to what the API reports: %s", tightened);
        }
    }

    /** A pause when the API says a limit has nothing left: one refill step of that limit. */
    public Duration pauseFor(RateLimitHeaders headers) {
        if (headers.requestsRemaining() == 0 && headers.requestsLimit() > 0) {
            return Duration.ofMillis(config.window().toMillis() / headers.requestsLimit() + 1);
        }
        return Duration.ZERO;
    }

    private static boolean within(long limit, long value) {
        return limit <= 0 || value <= limit;
    }

    private static long tighter(long configured, long reported) {
        if (reported <= 0) {
            return configured;
        }
        return configured <= 0 ? reported : Math.min(configured, reported);
    }
}
