package dev.trainyard.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.FailureReason;
import dev.trainyard.model.GenerationFailed;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Role;
import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.EmbeddedPostgresDatabase;
import dev.trainyard.testsupport.InJvmKafka;
import dev.trainyard.testsupport.KafkaTestResource;
import dev.trainyard.testsupport.PostgresTestResource;
import dev.trainyard.testsupport.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SimulatorProcessResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class WorkerFlowTest {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static KafkaCompanion kafka;
    private static ConsumerTask<String, String> generated;
    private static ConsumerTask<String, String> failed;
    private static ConsumerTask<String, String> deadLetters;

    @BeforeAll
    static void listenToEveryOutputTopic() {
        kafka = new KafkaCompanion(InJvmKafka.bootstrapServers());
        generated = kafka.consumeStrings().fromTopics(Topics.CONVERSATIONS_GENERATED);
        failed = kafka.consumeStrings().fromTopics(Topics.GENERATION_FAILED);
        deadLetters = kafka.consumeStrings().fromTopics("generation-requests-dlq");
    }

    @org.junit.jupiter.api.BeforeEach
    void cleanSimulator() {
        Simulator.reset();
    }

    @AfterAll
    static void closeKafka() {
        generated.stop();
        failed.stop();
        deadLetters.stop();
        kafka.close();
    }

    @Test
    void generatesEveryItemOfABatchConcurrentlyAndKeysThemByTrainingFile() throws Exception {
        // Given a batch of 20 items, half of them bound for one training file
        UUID batchId = UUID.randomUUID();
        UUID fileId = UUID.randomUUID();
        List<GenerationRequested> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(request(batchId, i % 2 == 0 ? fileId : null, 3, 2048));
        }

        // When they are published to the request topic
        long started = System.nanoTime();
        produce(requests);

        // Then 20 valid conversations come out, far faster than one call after another (20 x 300 ms)
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(generated, batchId).size() == 20);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(elapsedMs).isLessThan(6_000);
        for (ConsumerRecord<String, String> record : recordsOf(generated, batchId)) {
            ConversationGenerated event = JSON.readValue(record.value(), ConversationGenerated.class);
            assertThat(event.conversation().problem()).isEmpty();
            assertThat(event.conversation().exchanges()).isEqualTo(3);
            assertThat(event.conversation().turns().get(0).role()).isEqualTo(Role.USER);
            assertThat(event.conversation().systemPrompt()).contains(event.persona());
            assertThat(event.usage().inputTokens()).isPositive();
            assertThat(event.usage().outputTokens()).isPositive();
            assertThat(event.stopReason()).isEqualTo("end_turn");
            String expectedKey = event.targetTrainingFileId() != null
                    ? fileId.toString()
                    : event.itemId().toString();
            assertThat(record.key()).isEqualTo(expectedKey);
        }
        assertThat(recordsOf(failed, batchId)).isEmpty();
        // And the shared system prompt was cached: written at most by the first calls, read by the others
        List<ConversationGenerated> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : recordsOf(generated, batchId)) {
            events.add(JSON.readValue(record.value(), ConversationGenerated.class));
        }
        assertThat(events)
                .allMatch(e -> e.usage().cacheCreationInputTokens() + e.usage().cacheReadInputTokens() > 1000);
        assertThat(events.stream().filter(e -> e.usage().cacheReadInputTokens() > 0))
                .hasSizeGreaterThan(10);
        // And /q/metrics counts the answered calls, their tokens by kind and their cost
        PrometheusScrape metrics = PrometheusScrape.now();
        assertThat(metrics.value("trainyard_claude_requests_total", "outcome=\"success\""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(20));
        for (String kind : List.of("input", "output", "cache_read")) {
            assertThat(metrics.value("trainyard_claude_tokens_total", "kind=\"" + kind + "\""))
                    .hasValueSatisfying(v -> assertThat(v).isPositive());
        }
        assertThat(metrics.value("trainyard_claude_cost_usd_total"))
                .hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(metrics.value("trainyard_claude_rate_limited_total")).isPresent();
        assertThat(metrics.hasSeriesStartingWith("kafka_consumer_fetch_manager_records_lag_max{"))
                .as("Kafka consumer lag from the client metrics")
                .isTrue();
    }

    @Test
    void anAnswerCutAtMaxTokensTwiceFailsAsTruncatedKeepingTheRawOutput() throws Exception {
        // Given an item whose output budget cannot hold the conversation
        UUID batchId = UUID.randomUUID();
        GenerationRequested request = request(batchId, UUID.randomUUID(), 3, 20);

        // When it is processed
        produce(List.of(request));

        // Then after one retry with twice the budget, a failure event says truncated, keeps the raw output,
        // counts the tokens of both calls and is keyed by item id
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(failed, batchId).size() == 1);
        ConsumerRecord<String, String> record = recordsOf(failed, batchId).get(0);
        GenerationFailed event = JSON.readValue(record.value(), GenerationFailed.class);
        assertThat(record.key()).isEqualTo(request.itemId().toString());
        assertThat(event.reason()).isEqualTo(FailureReason.TRUNCATED);
        assertThat(event.rawOutput()).startsWith("{\"system_prompt\"");
        assertThat(event.usage().outputTokens()).isEqualTo(20 + 40);
        assertThat(recordsOf(generated, batchId)).isEmpty();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndThePartitionMovesOn() throws Exception {
        // Given a record that is not a request, followed on the same partition by a good one
        UUID batchId = UUID.randomUUID();
        GenerationRequested good = request(batchId, null, 1, 2048);
        String key = good.itemId().toString();

        // When both are published
        kafka.produceStrings()
                .fromRecords(
                        new ProducerRecord<>(Topics.GENERATION_REQUESTS, key, "{not json " + batchId),
                        new ProducerRecord<>(Topics.GENERATION_REQUESTS, key, JSON.writeValueAsString(good)))
                .awaitCompletion();

        // Then the poison record lands in the dead-letter topic with a reason, and the good one is generated
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters.getRecords().stream()
                        .anyMatch(r -> r.value().contains(batchId.toString())));
        ConsumerRecord<String, String> dead = deadLetters.getRecords().stream()
                .filter(r -> r.value().contains(batchId.toString()))
                .findFirst()
                .orElseThrow();
        String reason =
                new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertThat(reason).contains("not a GenerationRequested JSON");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(generated, batchId).size() == 1);
    }

    @Test
    void recordsWithWrongTypesOrAnUnknownVersionAreDeadLetteredEachWithItsReason() throws Exception {
        // Given a record with a wrong type and one with a schema version this worker does not know
        UUID batchId = UUID.randomUUID();
        String wrongType = "{\"schemaVersion\":1,\"batchId\":\"" + batchId + "\",\"itemId\":\"" + UUID.randomUUID()
                + "\",\"turns\":\"three\",\"persona\":\"p\",\"topic\":\"t\"}";
        GenerationRequested future = request(batchId, null, 2, 2048);
        String unknownVersion = JSON.writeValueAsString(future).replace("\"schemaVersion\":1", "\"schemaVersion\":99");

        // When both are published
        kafka.produceStrings()
                .fromRecords(
                        new ProducerRecord<>(Topics.GENERATION_REQUESTS, "a", wrongType),
                        new ProducerRecord<>(Topics.GENERATION_REQUESTS, "b", unknownVersion))
                .awaitCompletion();

        // Then both land in the dead-letter topic with a reason that names the problem, and nothing is generated
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(deadLetters, batchId).size() == 2);
        List<String> reasons = recordsOf(deadLetters, batchId).stream()
                .map(r ->
                        new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .toList();
        assertThat(reasons).anyMatch(reason -> reason.contains("not a GenerationRequested JSON"));
        assertThat(reasons).anyMatch(reason -> reason.contains("unknown schemaVersion 99"));
        assertThat(recordsOf(generated, batchId)).isEmpty();
        assertThat(recordsOf(failed, batchId)).isEmpty();
    }

    @Test
    void anItemArrivingWhilePostgresIsAwayWaitsForTheRateLimitLedgerInsteadOfFailing() throws Exception {
        // Given the database that holds the shared rate-limit ledger is unreachable
        UUID batchId = UUID.randomUUID();
        try (EmbeddedPostgresDatabase.Outage outage = EmbeddedPostgresDatabase.outage(databaseName())) {
            // When an item arrives meanwhile
            produce(List.of(request(batchId, null, 1, 2048)));
            Thread.sleep(6000);
        }

        // Then once the database is back it is generated, and no failure was published for it
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(generated, batchId).size() == 1);
        assertThat(recordsOf(failed, batchId)).isEmpty();
    }

    private String databaseName() {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void reportsReadyWhenConnectedToTheBroker() {
        // Given the running worker, When its readiness is asked, Then it is up
        io.restassured.RestAssured.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"));
    }

    private static GenerationRequested request(UUID batchId, UUID fileId, int turns, int maxTokens) {
        return new GenerationRequested(
                GenerationRequested.SCHEMA_VERSION,
                batchId,
                UUID.randomUUID(),
                1,
                "claude-sonnet-4-5",
                "a night-shift nurse",
                "meal planning",
                "tired to hopeful",
                turns,
                maxTokens,
                fileId);
    }

    private static void produce(List<GenerationRequested> requests) throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (GenerationRequested request : requests) {
            records.add(new ProducerRecord<>(
                    Topics.GENERATION_REQUESTS, request.itemId().toString(), JSON.writeValueAsString(request)));
        }
        kafka.produceStrings().fromRecords(records).awaitCompletion();
    }

    private static List<ConsumerRecord<String, String>> recordsOf(ConsumerTask<String, String> task, UUID batchId) {
        return task.getRecords().stream()
                .filter(r -> r.value().contains(batchId.toString()))
                .toList();
    }
}
