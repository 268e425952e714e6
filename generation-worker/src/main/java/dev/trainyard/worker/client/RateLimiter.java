package dev.trainyard.worker.client;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * The organisation's Claude rate limits (requests, input tokens and output tokens per minute), held for
 * every worker replica at once. A call first takes a permit, reserving its input estimate and its
 * {@code max_tokens} as output; when the call ends the permit is settled to the real usage.
 */
public interface RateLimiter {

    /** Completes when a call with these estimates fits every limit, with the permit that records it. */
    Uni<Permit> acquire(long inputTokens, long maxOutputTokens);

    /** Holds back every replica's calls for this long (a 429's retry-after). */
    Uni<Void> pauseFor(Duration duration);

    /** Tightens the limits to what the API reports, when that is lower than the configuration. */
    void observe(RateLimitHeaders headers);

    /** One admitted call. */
    interface Permit {

        /** Replaces the reservation by the call's real usage (0, 0 when it failed before any output). */
        Uni<Void> settle(long inputTokens, long outputTokens);
    }
}
