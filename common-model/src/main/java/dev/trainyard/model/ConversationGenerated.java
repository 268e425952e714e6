package dev.trainyard.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation a worker generated and checked. Topic {@link Topics#CONVERSATIONS_GENERATED}.
 *
 * @param stopReason the Messages API's stop_reason of the final call
 * @param latencyMs wall time of the Claude call(s) that produced the conversation
 */
public record ConversationGenerated(
        int schemaVersion,
        UUID batchId,
        UUID itemId,
        int attempt,
        UUID targetTrainingFileId,
        String persona,
        String topic,
        String emotionalArc,
        Conversation conversation,
        String model,
        TokenUsage usage,
        String stopReason,
        long latencyMs,
        Instant generatedAt) {

    public static final int SCHEMA_VERSION = 1;
}
