package dev.trainyard.builder.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.model.Conversation;
import dev.trainyard.model.Turn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLineWriterTest {

    private final TrainingLineWriter writer = new TrainingLineWriter();
    private final Conversation twoExchanges = new Conversation(
            "Be brief.", List.of(Turn.user("Hi"), Turn.assistant("Hello"), Turn.user("Bye?"), Turn.assistant("Bye")));

    @Test
    void openAiChatIsOneLineWithTheSystemPromptFirst() {
        FormattedConversation lines = writer.format(LineFormat.OPENAI_CHAT, twoExchanges);

        assertThat(text(lines))
                .isEqualTo("{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello\"},"
                        + "{\"role\":\"user\",\"content\":\"Bye?\"},{\"role\":\"assistant\",\"content\":\"Bye\"}]}\n");
        assertThat(lines.lineCount()).isEqualTo(1);
    }

    @Test
    void pairsAreOneLinePerAssistantTurn() {
        FormattedConversation lines = writer.format(LineFormat.OPENAI_CHAT_PAIRS, twoExchanges);

        assertThat(lines.lineCount()).isEqualTo(2);
        assertThat(text(lines).split("\n")[0]).endsWith("{\"role\":\"assistant\",\"content\":\"Hello\"}]}");
    }

    @Test
    void anthropicKeepsTheSystemPromptOutOfTheMessages() {
        assertThat(text(writer.format(LineFormat.ANTHROPIC_MESSAGES, twoExchanges)))
                .startsWith("{\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}");
    }

    @Test
    void aConversationEndingWithTheUserIsRejectedWithTheReason() {
        Conversation unanswered = new Conversation("s", List.of(Turn.user("a"), Turn.assistant("b"), Turn.user("c")));

        assertThat(writer.format(LineFormat.OPENAI_CHAT, unanswered).rejection())
                .contains("last turn should be assistant");
    }

    @Test
    void theValidatorRefusesExtraKeysAndBadAlternation() {
        LineValidator validator = new LineValidator();

        assertThat(validator.problemOf(
                        LineFormat.OPENAI_CHAT,
                        utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"x\":1},"
                                + "{\"role\":\"assistant\",\"content\":\"b\"}]}\n")))
                .contains("message 1 has an unexpected key x");
        assertThat(validator.problemOf(
                        LineFormat.OPENAI_CHAT, utf8("{\"messages\":[{\"role\":\"assistant\",\"content\":\"b\"}]}\n")))
                .contains("message 1 should have role user");
        assertThat(validator.problemOf(LineFormat.OPENAI_CHAT, utf8("\n"))).contains("blank line");
    }

    private static String text(FormattedConversation lines) {
        return new String(lines.bytes(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
