package dev.trainyard.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Everything a person running the simulator may tune; each value has an environment variable too. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** API keys the simulator accepts in {@code x-api-key}; any other key answers 401 like the real API. */
    @WithDefault("simulator-key")
    List<String> apiKeys();

    /** Base time a response takes, in milliseconds. */
    @WithDefault("200")
    long latencyMs();

    /** Uniform jitter added on top of the base latency, in milliseconds (0..jitter). */
    @WithDefault("0")
    long latencyJitterMs();
}
