package dev.trainyard.batch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Everything an operator may tune in batch-api; each value has a default and an environment variable. */
@ConfigMapping(prefix = "trainyard")
public interface BatchApiConfig {

    /** {@code tenant:sha256hex} pairs, comma-separated (env {@code TRAINYARD_API_KEYS}). */
    @WithName("api-keys")
    Optional<String> apiKeys();

    Batch batch();

    Outbox outbox();

    Pricing pricing();

    /** Limits and defaults applied to submitted batches. */
    interface Batch {
        /** Largest item count one batch may request (env {@code TRAINYARD_BATCH_MAX_COUNT}). */
        @WithDefault("10000")
        int maxCount();

        /** Largest number of user/assistant exchanges per conversation. */
        @WithDefault("50")
        int maxTurns();

        /** Largest output token budget one generation may ask for. */
        @WithDefault("64000")
        int maxMaxTokens();

        @WithDefault("claude-sonnet-4-5")
        String defaultModel();

        @WithDefault("2048")
        int defaultMaxTokens();

        @WithDefault("3")
        int defaultTurns();

        /**
         * In error mode {@code stop}, the failure rate (failed / finished) above which a batch stops; 0 stops
         * at the first permanent failure.
         */
        @WithDefault("0")
        double stopFailureRate();

        /** Finished items needed before a non-zero failure rate is judged, so one early failure is not 100 %. */
        @WithDefault("10")
        int stopMinFinished();

        /**
         * How often a progress stream re-reads its batch even without a local change signal (changes applied
         * by another replica only show up this way).
         */
        @WithDefault("1s")
        Duration progressPollInterval();
    }

    /** The relay that publishes outbox rows to Kafka. */
    interface Outbox {
        @WithDefault("true")
        boolean relayEnabled();

        /** Rows claimed and published per round trip. */
        @WithDefault("1000")
        int relayBatchSize();

        /** How often the relay looks for rows nobody signalled (for example after a crash). */
        @WithDefault("1s")
        Duration relayInterval();

        /** Sent rows are kept this long (to look into recent traffic), then deleted. */
        @WithDefault("1h")
        Duration retention();
    }

    /** Prices used for the cost estimate in progress, in US dollars per million tokens. */
    interface Pricing {
        @WithDefault("3.0")
        double inputUsdPerMtok();

        @WithDefault("15.0")
        double outputUsdPerMtok();
    }
}
