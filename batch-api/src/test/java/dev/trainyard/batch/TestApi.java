package dev.trainyard.batch;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.testsupport.InJvmKafka;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Shared helpers: the test tenants' keys, batch requests, and reading what batch-api published. */
final class TestApi {

    /** Keys whose SHA-256 hashes the %test profile configures. */
    static final String ACME_KEY = "acme-test-key";

    static final String GLOBEX_KEY = "globex-test-key";

    private TestApi() {}

    static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    static RequestSpecification acme() {
        return as(ACME_KEY);
    }

    static String batchJson(String name, int count) {
        return """
                {"name": "%s", "count": %d,
                 "parameters": {"personas": ["nurse", "pilot"], "topics": ["night shifts", "jet lag", "sleep"],
                                "emotionalArcs": ["anxious to calm"], "turns": 2, "model": "claude-sonnet-4-5",
                                "maxTokens": 1024}}
                """.formatted(name, count);
    }

    /** Submits a batch as acme and returns its id. */
    static UUID submit(String name, int count) {
        String id = acme().body(batchJson(name, count))
                .post("/api/batches")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    static KafkaCompanion companion() {
        return new KafkaCompanion(InJvmKafka.bootstrapServers());
    }

    /** Starts reading a topic from the beginning with a fresh group. */
    static ConsumerTask<String, String> read(KafkaCompanion companion, String topic) {
        return companion
                .consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .fromTopics(topic);
    }

    static List<GenerationRequested> requestsOf(ConsumerTask<String, String> task, UUID batchId) {
        return task.getRecords().stream()
                .map(ConsumerRecord::value)
                .map(TestApi::toRequest)
                .filter(request -> batchId.equals(request.batchId()))
                .toList();
    }

    static List<ConsumerRecord<String, String>> recordsOf(ConsumerTask<String, String> task, UUID batchId) {
        return task.getRecords().stream()
                .filter(record -> record.value().contains(batchId.toString()))
                .toList();
    }

    static String json(Object event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GenerationRequested toRequest(String json) {
        try {
            return EventJson.mapper().readValue(json, GenerationRequested.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
