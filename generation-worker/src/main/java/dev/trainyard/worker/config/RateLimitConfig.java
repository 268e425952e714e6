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

    /**
     * Added to the window when counting: a call is recorded in the ledger a little before it reaches the
     * API, and that delay varies (scheduling, connection), so without a margin the API could see one
     * window holding a few calls more than the ledger did. Measured: 605 in 60 s at 600 RPM without it.
     */
    @WithDefault("PT2S")
    Duration arrivalMargin();

    /** Longest a throttled call sleeps before it checks the ledger again. */
    @WithDefault("PT1S")
    Duration maxPoll();
}
