package dev.trainyard.batch.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainyard.batch.store.ItemRow;
import dev.trainyard.model.Conversation;
import dev.trainyard.model.EventJson;
import java.time.Instant;
import java.util.UUID;

/**
 * A generated conversation (or a failed generation kept for review) with its enriched metadata. Its id is
 * the id of the item that produced it.
 *
 * @param conversation system prompt and turns; null unless {@code status} is completed
 * @param attempts how many times the item was requested
 * @param rawOutput what the model returned when the generation failed, for review
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationView(
        UUID id,
        UUID batchId,
        String status,
        String persona,
        String topic,
        String emotionalArc,
        String model,
        int turns,
        int maxTokens,
        int attempts,
        Conversation conversation,
        Usage usage,
        String stopReason,
        Long latencyMs,
        String failureReason,
        String failureMessage,
        String rawOutput,
        UUID targetTrainingFileId,
        Instant createdAt,
        Instant finishedAt) {

    /** Tokens the generation used. */
    public record Usage(long inputTokens, long outputTokens) {}

    static ConversationView of(ItemRow item) {
        return new ConversationView(
                item.id(),
                item.batchId(),
                item.status(),
                item.persona(),
                item.topic(),
                item.emotionalArc(),
                item.model(),
                item.turns(),
                item.maxTokens(),
                item.attempt(),
                conversation(item),
                new Usage(item.inputTokens(), item.outputTokens()),
                item.stopReason(),
                item.latencyMs(),
                item.failureReason(),
                item.failureMessage(),
                item.rawOutput(),
                item.targetTrainingFileId(),
                item.createdAt(),
                item.finishedAt());
    }

    private static Conversation conversation(ItemRow item) {
        if (item.conversation() == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(item.conversation().encode(), Conversation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored conversation no longer parses: item " + item.id(), e);
        }
    }
}
