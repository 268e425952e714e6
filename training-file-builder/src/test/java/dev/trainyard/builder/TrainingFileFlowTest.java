package dev.trainyard.builder;

import static dev.trainyard.builder.Api.asTenantA;
import static dev.trainyard.builder.Api.asTenantB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.InJvmKafka;
import dev.trainyard.testsupport.PostgresTestResource;
import dev.trainyard.testsupport.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow of issue 2. The test resources declared here serve every test class of the module (Quarkus boots
 * once for all of them).
 */
@QuarkusTest
@QuarkusTestResource(BuilderKafkaResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(FakeBatchApi.class)
class TrainingFileFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaCompanion kafka;

    @TempDir
    Path downloads;

    @BeforeAll
    static void connectToBroker() {
        kafka = new KafkaCompanion(InJvmKafka.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void createAnswers201WithLocationAndAnEmptyFile() {
        String location = asTenantA()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "support-bot", "description", "first try"))
                .post("/api/training-files")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/training-files/"))
                .body("id", notNullValue())
                .body("format", equalTo("openai_chat"))
                .body("lineCount", equalTo(0))
                .body("sizeBytes", equalTo(0))
                .extract()
                .header("Location");

        asTenantA()
                .get(location)
                .then()
                .statusCode(200)
                .body("name", equalTo("support-bot"))
                .body("description", equalTo("first try"))
                .body("createdAt", notNullValue());
    }

    @Test
    void generatedConversationsBecomeValidOpenAiChatLinesInTheDownload() throws Exception {
        // Given a new file and five conversations generated for it
        UUID fileId = Api.createFile("five", "openai_chat");
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(UUID.randomUUID());
        }

        // When the workers' events arrive
        items.forEach(item -> send(TestConversations.generated(fileId, item)));

        // Then the file holds five lines that pass the independent validator
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 5);
        Path jsonl = Api.download(fileId, "", downloads);
        JsonlValidator.Verdict verdict = JsonlValidator.validate(jsonl);
        assertThat(verdict.exitCode()).as(verdict.summary().toString()).isZero();
        assertThat(verdict.lines()).isEqualTo(5);
        assertThat(Files.size(jsonl))
                .isEqualTo(asTenantA()
                        .get("/api/training-files/" + fileId)
                        .then()
                        .extract()
                        .<Number>path("sizeBytes")
                        .longValue());

        JsonNode first =
                JSON.readTree(Files.readAllLines(jsonl, StandardCharsets.UTF_8).get(0));
        assertThat(first.path("messages").findValuesAsText("role"))
                .containsExactly("system", "user", "assistant", "user", "assistant");
        assertThat(first.path("messages").get(1).path("content").asText()).contains("café ☕");
        assertThat(first.path("messages").get(2).path("content").asText()).contains("🚂 (line\nbreak)");
        // And /q/metrics counts the appends, their latency, the bytes written and the lines appended
        long fileBytes = Files.size(jsonl);
        PrometheusScrape metrics = PrometheusScrape.now();
        assertThat(metrics.value("trainyard_append_seconds_count"))
                .hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(metrics.value("trainyard_append_seconds_sum"))
                .hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(metrics.value("trainyard_bytes_written_total"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(fileBytes));
        assertThat(metrics.value("trainyard_lines_appended_total"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(5));
        assertThat(metrics.value("trainyard_conversations_appended_total"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(5));
        assertThat(metrics.value("kafka_consumer_fetch_manager_records_lag_max"))
                .as("consumer lag from the Kafka client metrics")
                .isPresent();
    }

    @Test
    void duplicateAndReplayedEventsAddNothing() throws Exception {
        // Given a file with one conversation appended
        UUID fileId = Api.createFile("dupes", "openai_chat");
        ConversationGenerated once = TestConversations.generated(fileId, UUID.randomUUID());
        send(once);
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 1);

        // When the same event is delivered three more times, then a new one arrives after them
        send(once);
        send(once);
        send(once);
        send(TestConversations.generated(fileId, UUID.randomUUID()));

        // Then only the new conversation was added (same key: the records are handled in order)
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 2);
        Path jsonl = Api.download(fileId, "", downloads);
        assertThat(JsonlValidator.validate(jsonl).exitCode()).isZero();
        assertThat(Files.readAllLines(jsonl)).hasSize(2);
        asTenantA().get("/api/training-files/" + fileId).then().body("conversationCount", equalTo(2));
    }

    @Test
    void downloadNeverShowsUncommittedBytesAndTheNextAppendCutsThem() throws Exception {
        // Given a file with one line, and a torn half line past its committed length (as a crash leaves)
        UUID fileId = Api.createFile("torn", "openai_chat");
        send(TestConversations.generated(fileId, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 1);
        Path stored = Path.of("target/test-training-files", fileId + ".jsonl");
        long committed = Files.size(stored);
        byte[] tornUtf8 = {'{', '"', 'm', (byte) 0xe2, (byte) 0x98};
        Files.write(stored, tornUtf8, java.nio.file.StandardOpenOption.APPEND);

        // When it is downloaded, then only the committed bytes come back
        assertThat(Files.size(Api.download(fileId, "", downloads))).isEqualTo(committed);

        // When the next conversation is appended, then the torn bytes are gone and both lines are valid
        send(TestConversations.generated(fileId, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.lineCount(fileId) == 2);
        JsonlValidator.Verdict verdict = JsonlValidator.validate(stored);
        assertThat(verdict.exitCode()).as(verdict.summary().toString()).isZero();
        assertThat(verdict.lines()).isEqualTo(2);
    }

    @Test
    void unknownOrForeignIdsAnswer404ProblemJson() {
        UUID fileId = Api.createFile("mine", "openai_chat");

        asTenantA()
                .get("/api/training-files/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        asTenantA().get("/api/training-files/not-a-uuid/download").then().statusCode(404);
        asTenantB().get("/api/training-files/" + fileId).then().statusCode(404).contentType("application/problem+json");
        asTenantB().get("/api/training-files/" + fileId + "/download").then().statusCode(404);
    }

    @Test
    void badInputAnswers400NamingTheField() {
        expectBadField(Map.of("description", "no name"), "name");
        expectBadField(Map.of("name", "x", "format", "csv"), "format");
        expectBadField(Map.of("name", "x", "colour", "blue"), "colour");
        expectBadField(Map.of("name", "x", "validationFraction", "lots"), "validationFraction");
        expectBadField(Map.of("name", "x", "validationFraction", 0.9), "validationFraction");
        asTenantA()
                .contentType(ContentType.JSON)
                .body("{not json")
                .post("/api/training-files")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void readinessReportsStorageDatabaseAndBroker() {
        io.restassured.RestAssured.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("training-file-storage"));
    }

    @Test
    void requestsWithoutAValidKeyAnswer401() {
        io.restassured.RestAssured.given()
                .get("/api/training-files")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        io.restassured.RestAssured.given()
                .auth()
                .oauth2("not-a-key")
                .get("/api/training-files/" + UUID.randomUUID())
                .then()
                .statusCode(401);
    }

    private static void expectBadField(Map<String, Object> body, String field) {
        asTenantA()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/training-files")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field));
    }

    static void send(ConversationGenerated event) {
        try {
            String json = EventJson.mapper().writeValueAsString(event);
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(
                            Topics.CONVERSATIONS_GENERATED,
                            event.targetTrainingFileId().toString(),
                            json))
                    .awaitCompletion(Duration.ofSeconds(10));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
