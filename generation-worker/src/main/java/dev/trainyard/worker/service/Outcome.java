package dev.trainyard.worker.service;

import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.GenerationFailed;

/** What became of one generation request: exactly one event to publish. */
public sealed interface Outcome {

    /** The conversation was generated and passed every check. */
    record Generated(ConversationGenerated event) implements Outcome {}

    /** The generation failed for good. */
    record Failed(GenerationFailed event) implements Outcome {}
}
