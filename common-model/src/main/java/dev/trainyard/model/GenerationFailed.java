package dev.trainyard.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A generation that failed for good. Topic {@link Topics#GENERATION_FAILED}.
 *
 * @param message a human-readable explanation; never contains a key or a full prompt
 * @param rawOutput what the model returned, kept for review; null when there was no output
 */
public record GenerationFailed(
        int schemaVersion,
        UUID batchId,
        UUID itemId,
        int attempt,
        FailureReason reason,
        String message,
        String rawOutput,
        TokenUsage usage,
        Instant failedAt) {

    public static final int SCHEMA_VERSION = 1;
}
