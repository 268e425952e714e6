package dev.trainyard.model;

import java.util.UUID;

/**
 * Asks a worker to generate one conversation (one batch item). Topic {@link Topics#GENERATION_REQUESTS}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}; a worker rejects versions it does not know
 * @param attempt 1 for the first try, incremented each time the item is re-published
 * @param emotionalArc how the user's mood should develop; may be null
 * @param turns number of user/assistant exchanges
 * @param maxTokens output budget for the Claude call
 * @param targetTrainingFileId the training file the conversation is appended to; may be null
 */
public record GenerationRequested(
        int schemaVersion,
        UUID batchId,
        UUID itemId,
        int attempt,
        String model,
        String persona,
        String topic,
        String emotionalArc,
        int turns,
        int maxTokens,
        UUID targetTrainingFileId) {

    public static final int SCHEMA_VERSION = 1;
}
