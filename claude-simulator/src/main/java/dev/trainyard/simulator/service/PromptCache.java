package dev.trainyard.simulator.service;

import dev.trainyard.simulator.config.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompt caching as the API does it for a system prefix marked {@code cache_control}: the first request
 * writes the prefix (cache_creation_input_tokens), later ones within the time to live read it
 * (cache_read_input_tokens), and each read extends the entry's life. Prefixes shorter than the minimum
 * are not cached at all, as with the real API.
 */
@ApplicationScoped
public class PromptCache {

    private final Map<String, Long> expiresAt = new ConcurrentHashMap<>();
    private final SimulatorConfig config;

    public PromptCache(SimulatorConfig config) {
        this.config = config;
    }

    /** How the prefix's tokens are counted for this request. */
    public enum Use {
        NONE,
        WRITE,
        READ
    }

    public Use use(String model, String prefix, long prefixTokens) {
        if (prefix.isEmpty() || prefixTokens < config.cacheMinTokens()) {
            return Use.NONE;
        }
        long now = System.currentTimeMillis();
        String key = model + '\u0000' + prefix;
        Long previous = expiresAt.put(key, now + config.cacheTtlMs());
        return previous != null && previous > now ? Use.READ : Use.WRITE;
    }
}
