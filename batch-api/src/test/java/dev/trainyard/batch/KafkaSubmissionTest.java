package dev.trainyard.batch;

import static dev.trainyard.batch.TestApi.acme;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.InJvmKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KafkaSubmissionTest {

    @BeforeAll
    static void topics() {
        InJvmKafka.createTopics(2, Topics.BATCH_REQUESTS, Topics.BATCH_REQUESTS_DLQ);
    }

    static String request(UUID requestId, String tenant, int count, String extra) {
        return ("{\"schemaVersion\": 1, \"requestId\": \"%s\", \"tenant\": \"%s\", \"name\": \"from kafka\","
                        + " \"count\": %d, \"parameters\": {\"personas\": [\"baker\"], \"topics\": [\"sourdough\"],"
                        + " \"turns\": 2}%s}")
                .formatted(requestId, tenant, count, extra);
    }

    @Test
    void aValidRecordBecomesABatchOfItsTenantAndARedeliveryCreatesNoSecond() {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> requests = TestApi.read(companion, Topics.GENERATION_REQUESTS);
            UUID requestId = UUID.randomUUID();

            // When the same batch request is produced twice
            String value = request(requestId, "acme", 3, "");
            companion
                    .produceStrings()
                    .fromRecords(
                            new ProducerRecord<>(Topics.BATCH_REQUESTS, requestId.toString(), value),
                            new ProducerRecord<>(Topics.BATCH_REQUESTS, requestId.toString(), value))
                    .awaitCompletion();

            // Then one batch with that id exists for acme, and its 3 requests are published once each
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> acme().get("/api/batches/" + requestId)
                            .then()
                            .statusCode(200)
                            .body("source", equalTo("kafka"))
                            .body("requested", equalTo(3)));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestApi.requestsOf(requests, requestId).size() >= 3);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> TestApi.requestsOf(requests, requestId).size() == 3);
            TestApi.as(TestApi.GLOBEX_KEY)
                    .get("/api/batches/" + requestId)
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndThePartitionMovesOn() {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> dead = TestApi.read(companion, Topics.BATCH_REQUESTS_DLQ);
            UUID poisonId = UUID.randomUUID();
            UUID unknownTenantId = UUID.randomUUID();
            UUID validId = UUID.randomUUID();

            // When a record with count 0, one with an unknown tenant, then a valid one land on the same partition
            companion
                    .produceStrings()
                    .fromRecords(
                            new ProducerRecord<>(Topics.BATCH_REQUESTS, 0, "k", request(poisonId, "acme", 0, "")),
                            new ProducerRecord<>(
                                    Topics.BATCH_REQUESTS, 0, "k", request(unknownTenantId, "nobody", 1, "")),
                            new ProducerRecord<>(Topics.BATCH_REQUESTS, 0, "k", request(validId, "acme", 1, "")))
                    .awaitCompletion();

            // Then the valid one still becomes a batch
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> acme().get("/api/batches/" + validId).then().statusCode(200));
            // And the invalid ones are on the dead-letter topic, unchanged, each naming its field
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestApi.recordsOf(dead, poisonId).size() == 1
                            && TestApi.recordsOf(dead, unknownTenantId).size() == 1);
            assertThat(reason(TestApi.recordsOf(dead, poisonId).get(0))).contains("count");
            assertThat(reason(TestApi.recordsOf(dead, unknownTenantId).get(0))).contains("tenant");
            acme().get("/api/batches/" + poisonId).then().statusCode(404);
        }
    }

    @Test
    void unknownFieldsAndWrongTypesAreRejectedLikeOverHttp() {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> dead = TestApi.read(companion, Topics.BATCH_REQUESTS_DLQ);
            UUID unknownField = UUID.randomUUID();
            UUID wrongType = UUID.randomUUID();

            companion
                    .produceStrings()
                    .fromRecords(
                            new ProducerRecord<>(
                                    Topics.BATCH_REQUESTS, "a", request(unknownField, "acme", 1, ", \"colour\": 1")),
                            new ProducerRecord<>(
                                    Topics.BATCH_REQUESTS,
                                    "b",
                                    request(wrongType, "acme", 1, "").replace("\"turns\": 2", "\"turns\": \"2\"")))
                    .awaitCompletion();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestApi.recordsOf(dead, unknownField).size() == 1
                            && TestApi.recordsOf(dead, wrongType).size() == 1);
            assertThat(reason(TestApi.recordsOf(dead, unknownField).get(0))).contains("colour");
            assertThat(reason(TestApi.recordsOf(dead, wrongType).get(0))).contains("parameters.turns");
        }
    }

    @Test
    void aBatchRequestTypedIntoKafkasConsoleProducerBecomesABatch() throws Exception {
        // Given Apache Kafka's own console producer, run as a separate process
        UUID requestId = UUID.randomUUID();
        Path log = Files.createTempFile("console-producer", ".log");
        Process producer = new ProcessBuilder(
                        javaBinary(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.kafka.tools.ConsoleProducer",
                        "--bootstrap-server",
                        InJvmKafka.bootstrapServers(),
                        "--topic",
                        Topics.BATCH_REQUESTS)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        // When a person types one batch request line and ends the input
        try (OutputStream input = producer.getOutputStream()) {
            input.write((request(requestId, "acme", 2, "") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(producer.waitFor(60, TimeUnit.SECONDS))
                .as("console producer exits; its output: %s", log)
                .isTrue();

        // Then the batch exists with its two items
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> acme().get("/api/batches/" + requestId)
                        .then()
                        .statusCode(200)
                        .body("requested", equalTo(2))
                        .body("source", equalTo("kafka")));
    }

    private static String reason(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("dead-letter-reason");
        assertThat(header).as("dead-letter-reason header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
