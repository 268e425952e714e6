package dev.trainyard.simulator.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The organisation's RPM, ITPM and OTPM buckets. Output tokens are taken at {@code max_tokens} when a
 * request is admitted and the unused part is given back when the answer is known, as the real API
 * estimates output. Reports the {@code anthropic-ratelimit-*} headers of the real API.
 */
final class RateLimits {

    private final TokenBucket requests;
    private final TokenBucket inputTokens;
    private final TokenBucket outputTokens;

    RateLimits(long rpm, long itpm, long otpm) {
        long now = System.nanoTime();
        this.requests = new TokenBucket(rpm, now);
        this.inputTokens = new TokenBucket(itpm, now);
        this.outputTokens = new TokenBucket(otpm, now);
    }

    /** The outcome of asking for capacity: admitted, or how long to wait (whole seconds, as retry-after). */
    record Admission(boolean admitted, long retryAfterSeconds, String limitHit) {}

    synchronized Admission admit(long input, long maxOutput) {
        long now = System.nanoTime();
        long waitNanos = 0;
        String hit = null;
        if (!requests.has(1, now)) {
            waitNanos = requests.nanosUntil(1, now);
            hit = "requests";
        } else if (!inputTokens.has(input, now)) {
            waitNanos = inputTokens.nanosUntil(input, now);
            hit = "input tokens";
        } else if (!outputTokens.has(maxOutput, now)) {
            waitNanos = outputTokens.nanosUntil(maxOutput, now);
            hit = "output tokens";
        }
        if (hit != null) {
            return new Admission(false, Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L), hit);
        }
        requests.take(1, now);
        inputTokens.take(input, now);
        outputTokens.take(maxOutput, now);
        return new Admission(true, 0, null);
    }

    /** Gives back the output tokens reserved but not used. */
    void settle(long reservedOutput, long actualOutput) {
        outputTokens.take(actualOutput - reservedOutput, System.nanoTime());
    }

    Map<String, String> headers() {
        long now = System.nanoTime();
        Map<String, String> headers = new LinkedHashMap<>();
        add(headers, "requests", requests, now);
        add(headers, "input-tokens", inputTokens, now);
        add(headers, "output-tokens", outputTokens, now);
        TokenBucket tighter = tighterTokenBucket(now);
        add(headers, "tokens", tighter, now);
        return headers;
    }

    private TokenBucket tighterTokenBucket(long now) {
        if (inputTokens.unlimited()) {
            return outputTokens;
        }
        if (outputTokens.unlimited()) {
            return inputTokens;
        }
        return inputTokens.remaining(now) <= outputTokens.remaining(now) ? inputTokens : outputTokens;
    }

    private static void add(Map<String, String> headers, String name, TokenBucket bucket, long now) {
        if (bucket.unlimited()) {
            return;
        }
        Instant reset = Instant.now().plusNanos(bucket.nanosUntilFull(now)).truncatedTo(ChronoUnit.SECONDS);
        headers.put("anthropic-ratelimit-" + name + "-limit", Long.toString(bucket.limit()));
        headers.put("anthropic-ratelimit-" + name + "-remaining", Long.toString(bucket.remaining(now)));
        headers.put("anthropic-ratelimit-" + name + "-reset", reset.toString());
    }
}
