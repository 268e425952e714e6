package dev.trainyard.batch;

import static dev.trainyard.batch.TestApi.acme;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.model.BatchControl;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Pause reasons from workers, the published schemas, and the OpenAPI document. */
@QuarkusTest
class PlatformSurfaceTest {

    @Test
    void aPauseReportedByAWorkerShowsOnTheBatchUntilItResumes() {
        try (KafkaCompanion companion = TestApi.companion()) {
            UUID batchId = TestApi.submit("paused", 1);

            // When a worker reports the batch paused because the API budget is spent
            produce(companion, new BatchControl(1, batchId, BatchControl.Action.PAUSED, "budget spent", Instant.now()));

            // Then the batch shows the reason
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            acme().get("/api/batches/" + batchId).then().body("pauseReason", equalTo("budget spent")));

            // And a resume clears it
            produce(companion, new BatchControl(1, batchId, BatchControl.Action.RESUMED, null, Instant.now()));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> acme().get("/api/batches/" + batchId).then().body("pauseReason", nullValue()));
        }
    }

    @Test
    void publishedRequestsCarryEveryFieldTheirSchemaRequires() throws Exception {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> reader = TestApi.read(companion, Topics.GENERATION_REQUESTS);
            UUID batchId = TestApi.submit("schema", 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !TestApi.recordsOf(reader, batchId).isEmpty());
            JsonNode record = EventJson.mapper()
                    .readTree(TestApi.recordsOf(reader, batchId).get(0).value());

            JsonNode schema = schema("generation-requests");
            for (JsonNode required : schema.get("required")) {
                assertThat(record.hasNonNull(required.asText()))
                        .as(required.asText())
                        .isTrue();
            }
            record.fieldNames()
                    .forEachRemaining(field -> assertThat(
                                    schema.at("/properties/" + field).isMissingNode())
                            .as("field %s is described by the schema", field)
                            .isFalse());
        }
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreServedWithoutAKey() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/api/batches'.post", notNullValue())
                .body("paths.'/api/batches/{id}/events'.get", notNullValue())
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    private static JsonNode schema(String topic) throws Exception {
        try (InputStream in = Thread.currentThread()
                .getContextClassLoader()
                .getResourceAsStream("schemas/" + topic + ".schema.json")) {
            assertThat(in).as("schema of %s on the classpath", topic).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }

    private static void produce(KafkaCompanion companion, BatchControl control) {
        companion
                .produceStrings()
                .fromRecords(new ProducerRecord<>(
                        Topics.BATCH_CONTROL, control.batchId().toString(), TestApi.json(control)))
                .awaitCompletion();
    }
}
