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
}
