package dev.trainyard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {

    @Test
    void alternatingTurnsEndingWithAssistantAreValid() {
        Conversation conversation = new Conversation(
                "You help.",
                List.of(Turn.user("Hi"), Turn.assistant("Hello"), Turn.user("Bye"), Turn.assistant("Goodbye")));

        assertThat(conversation.problem()).isEmpty();
        assertThat(conversation.exchanges()).isEqualTo(2);
    }

    @Test
    void twoUserTurnsInARowAreNamed() {
        Conversation conversation =
                new Conversation("You help.", List.of(Turn.user("Hi"), Turn.user("Hello?"), Turn.assistant("Yes")));

        assertThat(conversation.problem()).contains("turn 2 should be assistant");
    }

    @Test
    void endingOnAUserTurnIsRejected() {
        Conversation conversation = new Conversation("You help.", List.of(Turn.user("Hi")));

        assertThat(conversation.problem()).contains("last turn should be assistant");
    }

    @Test
    void blankContentAndMissingSystemPromptAreRejected() {
        assertThat(new Conversation(" ", List.of(Turn.user("a"), Turn.assistant("b"))).problem())
                .contains("system prompt is empty");
        assertThat(new Conversation("s", List.of(Turn.user("a"), Turn.assistant(" "))).problem())
                .contains("turn 2 is empty");
        assertThat(new Conversation("s", List.of()).problem()).contains("conversation has no turns");
    }
}
