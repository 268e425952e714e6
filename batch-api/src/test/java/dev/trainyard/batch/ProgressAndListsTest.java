package dev.trainyard.batch;

import static dev.trainyard.batch.TestApi.acme;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.trainyard.model.EventJson;
import dev.trainyard.model.FailureReason;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProgressAndListsTest {

    @Test
    void progressEventsStreamUntilTheBatchReaches100Percent() throws Exception {
        try (KafkaCompanion companion = TestApi.companion()) {
            // Given a batch of 3 whose requests are out, followed over SSE
            List<GenerationRequested> requests = submitAndRead(companion, "streamed", 3);
            UUID batchId = requests.get(0).batchId();
            CompletableFuture<String> stream = CompletableFuture.supplyAsync(() -> acme().accept("text/event-stream")
                    .get("/api/batches/" + batchId + "/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            Thread.sleep(500);

            // When the worker reports the items one by one
            for (GenerationRequested request : requests) {
                WorkerEvents.publish(companion, WorkerEvents.generated(request));
                Thread.sleep(300);
            }

            // Then the stream ends, its events show progress rising, the last one at 100 % completed
            String body = stream.get(60, TimeUnit.SECONDS);
            List<String> events = body.lines()
                    .filter(line -> line.startsWith("data:"))
                    .map(line -> line.substring(5).trim())
                    .toList();
            assertThat(events.size()).isGreaterThanOrEqualTo(2);
            var last = EventJson.mapper().readTree(events.get(events.size() - 1));
            assertThat(last.at("/status").asText()).isEqualTo("completed");
            assertThat(last.at("/progress/percent").asDouble()).isEqualTo(100.0);
            assertThat(last.at("/counts/completed").asInt()).isEqualTo(3);
            var first = EventJson.mapper().readTree(events.get(0));
            assertThat(first.at("/progress/percent").asDouble()).isLessThan(100.0);
        }
    }

    @Test
    void theProgressStreamOfAnUnknownOrForeignBatchAnswers404() {
        UUID batchId = TestApi.submit("private stream", 1);

        acme().accept("text/event-stream")
                .get("/api/batches/" + UUID.randomUUID() + "/events")
                .then()
                .statusCode(404);
        TestApi.as(TestApi.GLOBEX_KEY)
                .accept("text/event-stream")
                .get("/api/batches/" + batchId + "/events")
                .then()
                .statusCode(404);
    }

    @Test
    void itemsArePaginatedAndFilterableByStatus() {
        try (KafkaCompanion companion = TestApi.companion()) {
            // Given a batch of 5 with one failed item
            List<GenerationRequested> requests = submitAndRead(companion, "paged", 5);
            UUID batchId = requests.get(0).batchId();
            WorkerEvents.publish(companion, WorkerEvents.failed(requests.get(3), FailureReason.TRUNCATED));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> acme().get("/api/batches/" + batchId).then().body("counts.failed", equalTo(1)));

            // Then pages of 2 cover the 5 items in order
            acme().get("/api/batches/" + batchId + "/items?size=2&page=2")
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].seq", equalTo(5))
                    .body("total", equalTo(5))
                    .body("totalPages", equalTo(3));
            // And the status filter finds the failed one with its reason
            acme().get("/api/batches/" + batchId + "/items?status=failed")
                    .then()
                    .body("items", hasSize(1))
                    .body("items[0].id", equalTo(requests.get(3).itemId().toString()))
                    .body("items[0].failureReason", equalTo("truncated"));
            // And bad paging or an unknown status names the parameter
            acme().get("/api/batches/" + batchId + "/items?size=0")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("size"));
            acme().get("/api/batches/" + batchId + "/items?status=bogus")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("status"));
            TestApi.as(TestApi.GLOBEX_KEY)
                    .get("/api/batches/" + batchId + "/items")
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void batchesAreListedPerTenantNewestFirst() {
        UUID older = TestApi.submit("older", 1);
        UUID newer = TestApi.submit("newer", 1);

        acme().get("/api/batches?size=2")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo(newer.toString()))
                .body("items[1].id", equalTo(older.toString()))
                .body("items[0].counts", notNullValue())
                .body("total", greaterThanOrEqualTo(2));
        TestApi.as(TestApi.GLOBEX_KEY)
                .get("/api/batches")
                .then()
                .statusCode(200)
                .body("items.id", everyItem(org.hamcrest.Matchers.not(equalTo(newer.toString()))));
    }

    @Test
    void conversationsAreStoredWithMetadataAndFilterable() {
        try (KafkaCompanion companion = TestApi.companion()) {
            // Given a batch of 2 generated conversations
            List<GenerationRequested> requests = submitAndRead(companion, "conversations", 2);
            UUID batchId = requests.get(0).batchId();
            requests.forEach(request -> WorkerEvents.publish(companion, WorkerEvents.generated(request)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> acme().get("/api/batches/" + batchId).then().body("status", equalTo("completed")));

            // Then each is readable by id with persona, topic, usage, stop reason, latency and attempts
            GenerationRequested first = requests.get(0);
            acme().get("/api/conversations/" + first.itemId())
                    .then()
                    .statusCode(200)
                    .body("batchId", equalTo(batchId.toString()))
                    .body("status", equalTo("completed"))
                    .body("persona", equalTo(first.persona()))
                    .body("topic", equalTo(first.topic()))
                    .body("emotionalArc", equalTo(first.emotionalArc()))
                    .body("conversation.systemPrompt", equalTo("You are a " + first.persona() + "."))
                    .body("conversation.turns[0].role", equalTo("user"))
                    .body("usage.outputTokens", equalTo(400))
                    .body("stopReason", equalTo("end_turn"))
                    .body("latencyMs", equalTo(850))
                    .body("attempts", equalTo(1));
            // And the list filters by batch and persona
            acme().get("/api/conversations?batchId=" + batchId + "&persona=" + first.persona())
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].id", equalTo(first.itemId().toString()));
            acme().get("/api/conversations?batchId=" + batchId + "&status=completed&size=1")
                    .then()
                    .body("total", equalTo(2))
                    .body("items", hasSize(1));
            // And another tenant sees none of it
            TestApi.as(TestApi.GLOBEX_KEY)
                    .get("/api/conversations/" + first.itemId())
                    .then()
                    .statusCode(404);
        }
    }

    private static List<GenerationRequested> submitAndRead(KafkaCompanion companion, String name, int count) {
        ConsumerTask<String, String> reader = TestApi.read(companion, Topics.GENERATION_REQUESTS);
        UUID batchId = TestApi.submit(name, count);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestApi.requestsOf(reader, batchId).size() >= count);
        reader.stop();
        return TestApi.requestsOf(reader, batchId);
    }
}
