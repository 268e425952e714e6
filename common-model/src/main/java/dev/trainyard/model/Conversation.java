package dev.trainyard.model;

import java.util.List;
import java.util.Optional;

/**
 * A system prompt plus turns that alternate user, assistant, user, ... and end with an assistant turn:
 * the shape every fine-tuning format needs.
 */
public record Conversation(String systemPrompt, List<Turn> turns) {

    public Conversation {
        turns = turns == null ? List.of() : List.copyOf(turns);
    }

    /**
     * Says what keeps this conversation from being a valid training example, or nothing when it is one.
     */
    public Optional<String> problem() {
        if (systemPrompt == null || systemPrompt.isBlank()) {
            return Optional.of("system prompt is empty");
        }
        if (turns.isEmpty()) {
            return Optional.of("conversation has no turns");
        }
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            Role expected = i % 2 == 0 ? Role.USER : Role.ASSISTANT;
            if (turn == null || turn.role() != expected) {
                return Optional.of("turn " + (i + 1) + " should be " + expected.wireName());
            }
            if (turn.content() == null || turn.content().isBlank()) {
                return Optional.of("turn " + (i + 1) + " is empty");
            }
        }
        if (turns.get(turns.size() - 1).role() != Role.ASSISTANT) {
            return Optional.of("last turn should be assistant");
        }
        return Optional.empty();
    }

    /** Number of user/assistant exchanges. */
    public int exchanges() {
        return turns.size() / 2;
    }
}
