package dev.trainyard.worker.service;

import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.GenerationFailed;
import java.util.UUID;

/** What became of one generation request, and so what to publish for it. */
public sealed interface Outcome {

    /** The conversation was generated and passed every check. */
    record Generated(ConversationGenerated event, double costUsd) implements Outcome {}

    /** The generation failed for good. */
    record Failed(GenerationFailed event, double costUsd) implements Outcome {}

    /**
     * The API budget is spent: the whole batch pauses with this reason, and the item stays unprocessed
     * (no event) until batch-api resumes the batch and re-publishes it.
     */
    record Paused(UUID batchId, UUID itemId, String reason) implements Outcome {}
}
