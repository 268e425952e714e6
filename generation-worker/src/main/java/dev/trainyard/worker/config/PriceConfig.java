package dev.trainyard.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * Prices per million tokens by model, in USD: {@code trainyard.prices."<model>".input=3.0} and so on for
 * output, cache-write and cache-read. A model missing from the table uses {@code trainyard.prices.default}.
 */
@ConfigMapping(prefix = "trainyard.prices")
public interface PriceConfig {

    @WithParentName
    Map<String, Price> models();

    /** Prices of one model, USD per million tokens. */
    interface Price {
        @WithDefault("3.0")
        double input();

        @WithDefault("15.0")
        double output();

        @WithDefault("3.75")
        double cacheWrite();

        @WithDefault("0.30")
        double cacheRead();
    }
}
