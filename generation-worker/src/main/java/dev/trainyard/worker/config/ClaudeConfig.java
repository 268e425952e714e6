package dev.trainyard.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the worker reaches the Claude Messages API (or the simulator standing in for it). */
@ConfigMapping(prefix = "trainyard.claude")
public interface ClaudeConfig {

    /** Base URL of the API; the REST client reads it through {@code quarkus.rest-client.claude.url}. */
    @WithDefault("http://127.0.0.1:8090")
    String baseUrl();

    /** Sent as {@code x-api-key}; never logged. */
    @WithDefault("simulator-key")
    String apiKey();

    /** Model used when a request names none. */
    @WithDefault("claude-sonnet-4-5")
    String model();

    /** Sent as {@code anthropic-version}. */
    @WithDefault("2023-06-01")
    String anthropicVersion();

    /** Output budget used when a request names none. */
    @WithDefault("2048")
    int defaultMaxTokens();

    /** Longest one HTTP attempt may take before it counts as timed out. */
    @WithDefault("PT120S")
    Duration attemptTimeout();

    /** Attempts per item for 5xx answers, timeouts and connection errors (529 overload does not count). */
    @WithDefault("5")
    int maxAttempts();

    /** First backoff delay; doubles per retry, with full jitter, up to {@link #backoffMax()}. */
    @WithDefault("PT1S")
    Duration backoffBase();

    @WithDefault("PT30S")
    Duration backoffMax();

    /** After this long of retrying (overload and rate limits included) an item fails as upstream_unavailable. */
    @WithDefault("PT10M")
    Duration retryDeadline();

    /** Consecutive failed calls (5xx, 529, timeouts) that open the circuit breaker for every call. */
    @WithDefault("5")
    int breakerThreshold();

    /** How long an open breaker holds calls back before letting one through again. */
    @WithDefault("PT10S")
    Duration breakerOpenFor();

    /** A truncated answer is retried once with max_tokens multiplied by this factor. */
    @WithDefault("2")
    int truncationRetryFactor();

    /** Upper bound of max_tokens for the truncation retry. */
    @WithDefault("16384")
    int maxOutputTokens();

    /** Requests with at least this max_tokens are streamed, with {@link #streamIdleTimeout()} between events. */
    @WithDefault("8192")
    int streamFromMaxTokens();

    /** Longest silence allowed on a stream (before the headers or between two chunks). */
    @WithDefault("PT30S")
    Duration streamIdleTimeout();

    /** Longest a whole streamed answer may take. */
    @WithDefault("PT10M")
    Duration streamTimeout();
}
