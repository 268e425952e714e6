package dev.trainyard.batch;

import static dev.trainyard.batch.TestApi.acme;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.trainyard.model.FailureReason;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.PrometheusScrape;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchLifecycleTest {

    @Inject
    Pool pool;

    @Test
    void aBatchWhoseItemsAllSucceedCompletesAndKeepsEachConversation() {
        try (KafkaCompanion companion = TestApi.companion()) {
            // Given a batch of 4 whose requests reached the topic
            List<GenerationRequested> requests = submitAndReadRequests(companion, "all good", 4);

            // When a worker reports every item generated
            requests.forEach(request -> WorkerEvents.publish(companion, WorkerEvents.generated(request)));

            // Then the batch completes with 4 completed items and their token usage
            UUID batchId = requests.get(0).batchId();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> acme().get("/api/batches/" + batchId)
                            .then()
                            .body("status", equalTo("completed"))
                            .body("counts.completed", equalTo(4))
                            .body("counts.processing", equalTo(0))
                            .body("progress.percent", equalTo(100.0f))
                            .body("progress.inputTokens", equalTo(400))
                            .body("progress.outputTokens", equalTo(1600))
                            .body("finishedAt", notNullValue()));
            // And each conversation is stored with its metadata
            Row stored = itemRow(requests.get(0).itemId());
            assertThat(stored.getJsonObject("conversation").getString("systemPrompt"))
                    .isEqualTo("You are a " + requests.get(0).persona() + ".");
            assertThat(stored.getString("stop_reason")).isEqualTo("end_turn");
            assertThat(stored.getLong("latency_ms")).isEqualTo(850L);
        }
    }

    @Test
    void aBatchWithAFailedItemCompletesWithErrorsAndDuplicatesCountOnce() {
        try (KafkaCompanion companion = TestApi.companion()) {
            // Given a batch of 3
            List<GenerationRequested> requests = submitAndReadRequests(companion, "one fails", 3);
            UUID batchId = requests.get(0).batchId();

            // When one item fails (reported twice) and two succeed (one reported twice)
            WorkerEvents.publish(companion, WorkerEvents.failed(requests.get(0), FailureReason.INVALID_OUTPUT));
            WorkerEvents.publish(companion, WorkerEvents.failed(requests.get(0), FailureReason.INVALID_OUTPUT));
            WorkerEvents.publish(companion, WorkerEvents.generated(requests.get(1)));
            WorkerEvents.publish(companion, WorkerEvents.generated(requests.get(1)));
            WorkerEvents.publish(companion, WorkerEvents.generated(requests.get(2)));

            // Then the batch reads completed_with_errors with each item counted once
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> acme().get("/api/batches/" + batchId)
                            .then()
                            .body("status", equalTo("completed_with_errors"))
                            .body("counts.completed", equalTo(2))
                            .body("counts.failed", equalTo(1))
                            .body("requested", equalTo(3)));
            // And the failure keeps its reason and the raw model output for review
            Row failed = itemRow(requests.get(0).itemId());
            assertThat(failed.getString("failure_reason")).isEqualTo("invalid_output");
            assertThat(failed.getString("raw_output")).isEqualTo("Sorry, I cannot");
            // And /q/metrics counts created batches and item transitions into queued, completed and failed
            PrometheusScrape metrics = PrometheusScrape.now();
            assertThat(metrics.value("trainyard_batches_created_total"))
                    .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
            for (String status : List.of("queued", "completed", "failed")) {
                assertThat(metrics.value("trainyard_items_total", "status=\"" + status + "\""))
                        .hasValueSatisfying(v -> assertThat(v).isPositive());
            }
        }
    }

    @Test
    void aSuccessArrivingAfterAFailureOfTheSameAttemptDoesNotReviveTheItem() {
        try (KafkaCompanion companion = TestApi.companion()) {
            // Given a batch of 1 whose item failed
            List<GenerationRequested> requests = submitAndReadRequests(companion, "late success", 1);
            UUID batchId = requests.get(0).batchId();
            WorkerEvents.publish(companion, WorkerEvents.failed(requests.get(0), FailureReason.REFUSAL));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> acme().get("/api/batches/" + batchId).then().body("status", equalTo("failed")));

            // When a late success for the same item arrives
            WorkerEvents.publishTo(companion, 0, WorkerEvents.generated(requests.get(0)));

            // Then the item and batch stay failed (a marker event behind it on the same partition is applied,
            // so the late event was read and ignored)
            List<GenerationRequested> marker = submitAndReadRequests(companion, "marker", 1);
            WorkerEvents.publishTo(companion, 0, WorkerEvents.generated(marker.get(0)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> acme().get("/api/batches/" + marker.get(0).batchId())
                                    .then()
                                    .body("status", equalTo("completed")));
            acme().get("/api/batches/" + batchId)
                    .then()
                    .body("status", equalTo("failed"))
                    .body("counts.failed", equalTo(1))
                    .body("counts.completed", equalTo(0));
        }
    }

    private List<GenerationRequested> submitAndReadRequests(KafkaCompanion companion, String name, int count) {
        ConsumerTask<String, String> reader = TestApi.read(companion, Topics.GENERATION_REQUESTS);
        UUID batchId = TestApi.submit(name, count);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestApi.requestsOf(reader, batchId).size() >= count);
        reader.stop();
        return TestApi.requestsOf(reader, batchId);
    }

    private Row itemRow(UUID itemId) {
        return pool.preparedQuery("SELECT * FROM batch_api.items WHERE id = $1")
                .execute(Tuple.of(itemId))
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next();
    }
}
