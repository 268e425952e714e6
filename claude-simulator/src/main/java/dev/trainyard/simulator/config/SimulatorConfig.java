package dev.trainyard.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/**
 * Everything a person running the simulator may tune; each value has an environment variable too (see
 * application.properties). The behaviour values are only the start: {@code PUT /simulator/behaviour}
 * changes them at run time.
 */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** API keys the simulator accepts in {@code x-api-key}; any other key answers 401 like the real API. */
    @WithDefault("simulator-key")
    List<String> apiKeys();

    /** Median time a response takes, in milliseconds. */
    @WithDefault("200")
    long latencyMs();

    /** Spread of the latency: sigma of a log-normal around the median; 0 makes every response take the median. */
    @WithDefault("0")
    double latencySigma();

    /** Requests per minute the organisation may make; 0 means unlimited. */
    @WithDefault("0")
    long rpm();

    /** Input tokens per minute; 0 means unlimited. */
    @WithDefault("0")
    long itpm();

    /** Output tokens per minute; 0 means unlimited. */
    @WithDefault("0")
    long otpm();

    /** Share of requests answered 529 overloaded_error. */
    @WithDefault("0")
    double overloadedRate();

    /** Share of requests answered 500 api_error. */
    @WithDefault("0")
    double serverErrorRate();

    /** Share of responses that take {@link #slowExtraMs()} longer. */
    @WithDefault("0")
    double slowRate();

    @WithDefault("5000")
    long slowExtraMs();

    /** Share of requests that never get an answer (until {@link #hangMs()} has passed). */
    @WithDefault("0")
    double hangRate();

    @WithDefault("600000")
    long hangMs();

    /** Share of answers cut short with stop reason max_tokens although the budget was not reached. */
    @WithDefault("0")
    double truncationRate();

    /** Share of answers with stop reason refusal. */
    @WithDefault("0")
    double refusalRate();

    /** When true every request gets 429 without retry-after, as when the organisation's spend limit is hit. */
    @WithDefault("false")
    boolean budgetExhausted();

    /** Shortest system prefix (tokens) the prompt cache accepts, as the real API's minimum. */
    @WithDefault("1024")
    long cacheMinTokens();

    /** Life of a cache entry after its last use, in milliseconds (5 minutes, like the API's default). */
    @WithDefault("300000")
    long cacheTtlMs();
}
