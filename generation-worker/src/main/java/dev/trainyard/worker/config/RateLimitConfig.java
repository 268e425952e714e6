package dev.trainyard.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The organisation's Claude rate limits, for all worker replicas together (not per pod). 0 = unlimited.
 * Defaults suit the simulator demo; set the values of your Anthropic tier in production.
 */
@ConfigMapping(prefix = "trainyard.rate-limit")
public interface RateLimitConfig {

    /** Where the limit's ledger lives: {@code postgres} (shared by every replica) or {@code memory} (this JVM). */
    @WithDefault("postgres")
    String store();

    @WithDefault("600")
    long rpm();

    @WithDefault("2000000")
    long itpm();

    @WithDefault("400000")
    long otpm();

    /** Length of the sliding window the limits are counted over. */
    @WithDefault("PT60S")
    Duration window();

    /** Longest a throttled call sleeps before it checks the ledger again. */
    @WithDefault("PT1S")
    Duration maxPoll();
}
