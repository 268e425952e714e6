package dev.trainyard.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A change to a whole batch that every worker must know about. Topic {@link Topics#BATCH_CONTROL}, key:
 * batch id, compacted, so the latest action per batch is always there to read from the beginning.
 *
 * <p>batch-api publishes {@link Action#CANCELLED} (workers then skip the batch's items) and {@link
 * Action#RESUMED}; a worker publishes {@link Action#PAUSED} when the API's budget is spent, and batch-api
 * records the reason on the batch.
 */
public record BatchControl(int schemaVersion, UUID batchId, Action action, String reason, Instant at) {

    public static final int SCHEMA_VERSION = 1;

    public enum Action {
        @JsonProperty("cancelled")
        CANCELLED,
        @JsonProperty("paused")
        PAUSED,
        @JsonProperty("resumed")
        RESUMED
    }
}
