package dev.trainyard.builder.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.trainyard.model.Conversation;
import dev.trainyard.model.TokenUsage;
import dev.trainyard.model.Turn;
import java.util.List;
import java.util.UUID;

/**
 * What batch-api's {@code GET /api/conversations/{id}} answers: the fields of the ConversationGenerated event it
 * stored (conversation, persona, topic, model, usage, stop reason). The conversation is read from
 * {@code conversation} or, should batch-api flatten it, from top-level {@code systemPrompt} and {@code turns}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredConversation(
        UUID id,
        UUID itemId,
        String status,
        Conversation conversation,
        String systemPrompt,
        List<Turn> turns,
        String persona,
        String topic,
        String model,
        TokenUsage usage,
        String stopReason) {

    /** Whether batch-api holds content for it (a failed or pending item has none). */
    public boolean hasContent() {
        return conversation != null || systemPrompt != null || (turns != null && !turns.isEmpty());
    }

    /** The conversation as stored, whichever of the two shapes batch-api uses. */
    public Conversation asConversation() {
        if (conversation != null) {
            return conversation;
        }
        return new Conversation(systemPrompt, turns);
    }
}
