package dev.trainyard.builder;

import dev.trainyard.model.Conversation;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.TokenUsage;
import dev.trainyard.model.Turn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Conversations as a worker would emit them, with non-ASCII text so UTF-8 handling is exercised. */
public final class TestConversations {

    private TestConversations() {}

    public static Conversation conversation(String seed, int exchanges) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 1; i <= exchanges; i++) {
            turns.add(Turn.user("Question " + i + " about " + seed + ": is the café ☕ open? \"quotes\" \\ tab\t"));
            turns.add(Turn.assistant("Answer " + i + " for " + seed + " — oui, until 18h 🚂 (line\nbreak)."));
        }
        return new Conversation("You are a patient support agent for " + seed + ".", turns);
    }

    public static ConversationGenerated generated(UUID fileId, UUID itemId, Conversation conversation) {
        return new ConversationGenerated(
                ConversationGenerated.SCHEMA_VERSION,
                UUID.randomUUID(),
                itemId,
                1,
                fileId,
                "curious traveller",
                "opening hours",
                "steady",
                conversation,
                "claude-sonnet-4-5",
                new TokenUsage(120, 340, 0, 0),
                "end_turn",
                850,
                Instant.now());
    }

    public static ConversationGenerated generated(UUID fileId, UUID itemId) {
        return generated(fileId, itemId, conversation(itemId.toString(), 2));
    }
}
