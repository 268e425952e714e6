package dev.trainyard.builder;

import static dev.trainyard.builder.Api.asTenantA;
import static dev.trainyard.builder.Api.asTenantB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.Conversation;
import dev.trainyard.model.Turn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line formats, validation, JSON export, the train/validation split and listing (test resources: flow test). */
@QuarkusTest
class FormatsAndExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path downloads;

    @Test
    void trainingPairsWriteOneLinePerAssistantTurnWithItsHistory() throws Exception {
        // Given a pairs file, when a three-exchange conversation arrives
        UUID fileId = Api.createFile("pairs", "openai_chat_pairs");
        Kafka.send(TestConversations.generated(fileId, UUID.randomUUID(), TestConversations.conversation("p", 3)));

        // Then it holds three lines, of 3, 5 and 7 messages, each ending with an assistant turn
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 3);
        Path jsonl = Api.download(fileId, "", downloads);
        assertValid(jsonl, 3);
        List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            JsonNode messages = JSON.readTree(lines.get(i)).path("messages");
            assertThat(messages.size()).isEqualTo(3 + 2 * i);
            assertThat(messages.get(messages.size() - 1).path("content").asText())
                    .startsWith("Answer " + (i + 1));
        }
        asTenantA().get("/api/training-files/" + fileId).then().body("conversationCount", equalTo(1));
    }

    @Test
    void anthropicFormatKeepsTheSystemPromptApart() throws Exception {
        UUID fileId = Api.createFile("bedrock", "anthropic_messages");
        Kafka.send(TestConversations.generated(fileId, UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 1);
        Path jsonl = Api.download(fileId, "", downloads);
        assertValid(jsonl, 1);
        JsonNode line = JSON.readTree(Files.readAllLines(jsonl).get(0));
        assertThat(line.fieldNames()).toIterable().containsExactly("system", "messages");
        assertThat(line.path("system").asText()).startsWith("You are a patient support agent");
        assertThat(line.path("messages").findValuesAsText("role"))
                .containsExactly("user", "assistant", "user", "assistant");
    }

    @Test
    void invalidConversationsAreRecordedWithTheReasonAndSkipped() throws Exception {
        // Given a file, and conversations with an empty answer, a wrong alternation and an unpaired surrogate
        UUID fileId = Api.createFile("strict", "openai_chat");
        UUID empty = UUID.randomUUID();
        UUID twoUsers = UUID.randomUUID();
        UUID surrogate = UUID.randomUUID();
        Kafka.send(TestConversations.generated(
                fileId, empty, new Conversation("sys", List.of(Turn.user("hi"), Turn.assistant("  ")))));
        Kafka.send(TestConversations.generated(
                fileId, twoUsers, new Conversation("sys", List.of(Turn.user("a"), Turn.user("b")))));
        Kafka.send(TestConversations.generated(
                fileId, surrogate, new Conversation("sys", List.of(Turn.user("x\uD800y"), Turn.assistant("ok")))));

        // When a valid one follows them
        Kafka.send(TestConversations.generated(fileId, UUID.randomUUID()));

        // Then only the valid one is written, and the three are listed with their reasons
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 1);
        assertValid(Api.download(fileId, "", downloads), 1);
        asTenantA()
                .get("/api/training-files/" + fileId)
                .then()
                .body("rejectedCount", equalTo(3))
                .body("warnings", hasItem("3 conversation(s) failed validation and were skipped"));
        List<Map<String, String>> rejected = asTenantA()
                .get("/api/training-files/" + fileId + "/rejections")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(rejected)
                .extracting(r -> r.get("conversationId") + ": " + r.get("reason"))
                .containsExactlyInAnyOrder(
                        empty + ": turn 2 is empty",
                        twoUsers + ": turn 2 should be assistant",
                        surrogate + ": turn 1 holds an unpaired surrogate (not valid UTF-8)");
    }

    @Test
    void jsonExportHoldsMetadataAndMatchesTheJsonlLineForLine() throws Exception {
        // Given a file with four conversations
        UUID fileId = Api.createFile("export", "openai_chat");
        for (int i = 0; i < 4; i++) {
            Kafka.send(TestConversations.generated(fileId, UUID.randomUUID()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 4);

        // When it is downloaded both ways
        List<String> jsonl = Files.readAllLines(Api.download(fileId, "", downloads), StandardCharsets.UTF_8);
        JsonNode export =
                JSON.readTree(Api.download(fileId, "?format=json", downloads).toFile());

        // Then the JSON document parses, says what it is, and element i equals line i
        assertThat(export.path("id").asText()).isEqualTo(fileId.toString());
        assertThat(export.path("name").asText()).isEqualTo("export");
        assertThat(export.path("lineCount").asLong()).isEqualTo(4);
        assertThat(export.path("conversations").size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(export.path("conversations").get(i)).isEqualTo(JSON.readTree(jsonl.get(i)));
        }
    }

    @Test
    void jsonExportOfAnEmptyFileIsAnEmptyArray() throws Exception {
        UUID fileId = Api.createFile("empty", "openai_chat");

        JsonNode export =
                JSON.readTree(Api.download(fileId, "?format=json", downloads).toFile());

        assertThat(export.path("conversations").isArray()).isTrue();
        assertThat(export.path("conversations").size()).isZero();
    }

    @Test
    void splitByStableHashPartitionsTheFileAndNeverMovesAConversation() throws Exception {
        // Given a file with a validation fraction of 0.3 and 40 conversations
        UUID fileId = createFileWithFraction(0.3);
        for (int i = 0; i < 40; i++) {
            Kafka.send(TestConversations.generated(fileId, UUID.randomUUID()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.lineCount(fileId) == 40);

        // When both parts are downloaded
        List<String> all = Files.readAllLines(Api.download(fileId, "", downloads));
        List<String> train = Files.readAllLines(Api.download(fileId, "?split=train", downloads));
        List<String> validation = Files.readAllLines(Api.download(fileId, "?split=validation", downloads));

        // Then they partition the file, in file order, with the counts the file reports
        assertThat(train.size() + validation.size()).isEqualTo(40);
        assertThat(validation).isNotEmpty();
        assertThat(train).isNotEmpty();
        Set<String> union = new HashSet<>(train);
        union.addAll(validation);
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        assertThat(all).containsSubsequence(train).containsSubsequence(validation);
        asTenantA()
                .get("/api/training-files/" + fileId)
                .then()
                .body("validation.lineCount", equalTo(validation.size()))
                .body("train.lineCount", equalTo(train.size()));
        assertValid(Api.download(fileId, "?split=validation", downloads), validation.size());

        // And later appends leave the existing parts as they were (they only grow at the end)
        for (int i = 0; i < 10; i++) {
            Kafka.send(TestConversations.generated(fileId, UUID.randomUUID()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.lineCount(fileId) == 50);
        List<String> validationLater = Files.readAllLines(Api.download(fileId, "?split=validation", downloads));
        assertThat(validationLater.subList(0, validation.size())).isEqualTo(validation);
        JsonNode jsonPart = JSON.readTree(
                Api.download(fileId, "?format=json&split=train", downloads).toFile());
        assertThat(jsonPart.path("split").asText()).isEqualTo("train");
        assertThat(jsonPart.path("conversations").size()).isEqualTo(50 - validationLater.size());
    }

    @Test
    void listShowsOnlyTheCallersFilesNewestFirst() {
        UUID older = Api.createFile("list-older", "openai_chat");
        UUID newer = Api.createFile("list-newer", "openai_chat");

        List<String> ids = asTenantA()
                .get("/api/training-files?limit=500")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(ids).contains(older.toString(), newer.toString());
        assertThat(ids.indexOf(newer.toString())).isLessThan(ids.indexOf(older.toString()));
        asTenantB().get("/api/training-files").then().statusCode(200).body("items.id", not(hasItem(newer.toString())));
        asTenantA().get("/api/training-files?limit=zero").then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    void downloadRefusesAnUnknownFormatOrSplit() {
        UUID fileId = Api.createFile("params", "openai_chat");
        asTenantA()
                .get("/api/training-files/" + fileId + "/download?format=csv")
                .then()
                .statusCode(400)
                .body("field", equalTo("format"));
        asTenantA()
                .get("/api/training-files/" + fileId + "/download?split=test")
                .then()
                .statusCode(400)
                .body("field", equalTo("split"));
    }

    private static UUID createFileWithFraction(double fraction) {
        return UUID.fromString(asTenantA()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "split", "validationFraction", fraction))
                .post("/api/training-files")
                .then()
                .statusCode(201)
                .body("validationFraction", equalTo((float) fraction))
                .extract()
                .path("id"));
    }

    static void assertValid(Path jsonl, long expectedLines) throws Exception {
        JsonlValidator.Verdict verdict = JsonlValidator.validate(jsonl);
        assertThat(verdict.exitCode()).as(verdict.summary().toString()).isZero();
        assertThat(verdict.lines()).isEqualTo(expectedLines);
    }
}
