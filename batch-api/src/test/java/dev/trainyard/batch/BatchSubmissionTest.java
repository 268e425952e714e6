package dev.trainyard.batch;

import static dev.trainyard.batch.TestApi.acme;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.KafkaTestResource;
import dev.trainyard.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class BatchSubmissionTest {

    @Test
    void anAcceptedBatchPublishesOneRequestPerItemKeyedByItemId() {
        try (KafkaCompanion companion = TestApi.companion()) {
            // Given a reader of the request topic
            ConsumerTask<String, String> requests = TestApi.read(companion, Topics.GENERATION_REQUESTS);

            // When a batch of 12 is submitted
            String location = acme().body(TestApi.batchJson("first", 12))
                    .post("/api/batches")
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("queued"))
                    .body("requested", equalTo(12))
                    .extract()
                    .header("Location");
            UUID batchId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

            // Then 12 requests with distinct item ids reach the topic, each keyed by its item id
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestApi.requestsOf(requests, batchId).size() >= 12);
            List<ConsumerRecord<String, String>> records = TestApi.recordsOf(requests, batchId);
            List<GenerationRequested> sent = TestApi.requestsOf(requests, batchId);
            assertThat(records).allSatisfy(record -> assertThat(record.value()).contains(record.key()));
            Set<UUID> items = sent.stream().map(GenerationRequested::itemId).collect(Collectors.toSet());
            assertThat(items).hasSize(12);
            assertThat(sent).allSatisfy(request -> {
                assertThat(request.attempt()).isEqualTo(1);
                assertThat(request.turns()).isEqualTo(2);
                assertThat(request.maxTokens()).isEqualTo(1024);
                assertThat(request.emotionalArc()).isEqualTo("anxious to calm");
            });
            assertThat(sent.stream().map(GenerationRequested::persona).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("nurse", "pilot");
            assertThat(sent.stream().map(GenerationRequested::topic).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("night shifts", "jet lag", "sleep");
            requests.stop();

            // And the batch reads running with its items handed to workers
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> acme().get(location)
                            .then()
                            .statusCode(200)
                            .body("status", equalTo("running"))
                            .body("counts.processing", equalTo(12))
                            .body("counts.queued", equalTo(0))
                            .body("createdAt", notNullValue()));
        }
    }

    @Test
    void aZeroCountIsRejectedNamingTheField() {
        acme().body(TestApi.batchJson("zero", 0))
                .post("/api/batches")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("field", equalTo("count"));
    }

    @Test
    void aFieldGivenTwiceIsRejectedRatherThanTheLastValueWinning() {
        acme().body("{\"name\": \"twice\", \"count\": 0, \"count\": 1, \"parameters\": {\"personas\": [\"a\"],"
                        + " \"topics\": [\"b\"]}}")
                .post("/api/batches")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("duplicate field 'count'"));
    }

    @Test
    void aNegativeCountIsRejectedNamingTheField() {
        acme().body(TestApi.batchJson("negative", -5))
                .post("/api/batches")
                .then()
                .statusCode(400)
                .body("field", equalTo("count"));
    }

    @Test
    void aCountAboveTheConfiguredLimitIsRejectedNamingTheField() {
        acme().body(TestApi.batchJson("absurd", 10_001))
                .post("/api/batches")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("count"))
                .body("detail", containsString("10000"));
    }

    @Test
    void aFieldOfTheWrongTypeIsRejectedNamingTheField() {
        acme().body("{\"name\": \"typed\", \"count\": \"twenty\", \"parameters\": {\"personas\": [\"a\"],"
                        + " \"topics\": [\"b\"]}}")
                .post("/api/batches")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("count"));

        acme().body("{\"name\": \"typed\", \"count\": 2, \"parameters\": {\"personas\": [\"a\"],"
                        + " \"topics\": [\"b\"], \"turns\": \"3\"}}")
                .post("/api/batches")
                .then()
                .statusCode(400)
                .body("field", equalTo("parameters.turns"));
    }

    @Test
    void anUnknownFieldIsRejectedNamingTheField() {
        acme().body("{\"name\": \"extra\", \"count\": 2, \"colour\": \"red\", \"parameters\": {\"personas\": [\"a\"],"
                        + " \"topics\": [\"b\"]}}")
                .post("/api/batches")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("colour"));
    }

    @Test
    void missingListsAreRejectedNamingEveryField() {
        acme().body("{\"name\": \"\", \"count\": 2, \"parameters\": {\"personas\": []}}")
                .post("/api/batches")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("parameters.personas"))
                .body("errors.field", hasItem("parameters.topics"));
    }

    @Test
    void anUnknownBatchIdAnswers404() {
        acme().get("/api/batches/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void anotherTenantsBatchAnswers404() {
        UUID batchId = TestApi.submit("acme only", 1);

        TestApi.as(TestApi.GLOBEX_KEY)
                .get("/api/batches/" + batchId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        acme().get("/api/batches/" + batchId).then().statusCode(200);
    }

    @Test
    void aRequestWithoutAValidKeyAnswers401() {
        given().get("/api/batches/" + UUID.randomUUID()).then().statusCode(401).contentType("application/problem+json");
        TestApi.as("not-a-key").get("/api/batches/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void healthNeedsNoKey() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
