package dev.trainyard.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void generatedEventRoundTripsWithLowerCaseRolesAndIsoInstants() throws Exception {
        ConversationGenerated event = new ConversationGenerated(
                ConversationGenerated.SCHEMA_VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                1,
                null,
                "nurse",
                "night shifts",
                null,
                new Conversation("Be kind.", List.of(Turn.user("Hi"), Turn.assistant("Hello"))),
                "claude-sonnet-4-5",
                new TokenUsage(120, 80, 0, 0),
                "end_turn",
                950,
                Instant.parse("2026-12-03T10:15:30Z"));

        String json = EventJson.mapper().writeValueAsString(event);
        JsonNode tree = EventJson.mapper().readTree(json);

        assertThat(tree.at("/conversation/turns/0/role").asText()).isEqualTo("user");
        assertThat(tree.at("/generatedAt").asText()).isEqualTo("2026-12-03T10:15:30Z");
        assertThat(EventJson.mapper().readValue(json, ConversationGenerated.class))
                .isEqualTo(event);
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() throws Exception {
        String json = "{\"schemaVersion\":1,\"itemId\":\"" + UUID.randomUUID()
                + "\",\"reason\":\"truncated\",\"addedLater\":true}";

        GenerationFailed failed = EventJson.mapper().readValue(json, GenerationFailed.class);

        assertThat(failed.reason()).isEqualTo(FailureReason.TRUNCATED);
    }
}
