package dev.trainyard.batch;

import static dev.trainyard.batch.TestApi.acme;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.trainyard.model.BatchControl;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchControlTest {

    @Test
    void cancellingMidBatchCancelsOpenItemsTellsWorkersAndIgnoresLateResults() throws Exception {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> controls = TestApi.read(companion, Topics.BATCH_CONTROL);
            // Given a batch of 5 with 2 items already generated
            List<GenerationRequested> requests = submitAndRead(companion, "cancel me", 5, "");
            UUID batchId = requests.get(0).batchId();
            WorkerEvents.publish(companion, WorkerEvents.generated(requests.get(0)));
            WorkerEvents.publish(companion, WorkerEvents.generated(requests.get(1)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> acme().get("/api/batches/" + batchId).then().body("counts.completed", equalTo(2)));

            // When the client cancels it
            acme().post("/api/batches/" + batchId + "/cancel")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("cancelled"))
                    .body("counts.cancelled", equalTo(3))
                    .body("counts.completed", equalTo(2));

            // Then workers are told on batch-control, keyed by batch id
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !TestApi.recordsOf(controls, batchId).isEmpty());
            ConsumerRecord<String, String> record =
                    TestApi.recordsOf(controls, batchId).get(0);
            assertThat(record.key()).isEqualTo(batchId.toString());
            BatchControl control = EventJson.mapper().readValue(record.value(), BatchControl.class);
            assertThat(control.action()).isEqualTo(BatchControl.Action.CANCELLED);

            // And a late result for a cancelled item does not revive it (a marker behind it is applied)
            WorkerEvents.publishTo(companion, 1, WorkerEvents.generated(requests.get(2)));
            List<GenerationRequested> marker = submitAndRead(companion, "marker", 1, "");
            WorkerEvents.publishTo(companion, 1, WorkerEvents.generated(marker.get(0)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> acme().get("/api/batches/" + marker.get(0).batchId())
                                    .then()
                                    .body("status", equalTo("completed")));
            acme().get("/api/batches/" + batchId)
                    .then()
                    .body("status", equalTo("cancelled"))
                    .body("counts.cancelled", equalTo(3))
                    .body("counts.completed", equalTo(2));
        }
    }

    @Test
    void retryFailedRepublishesFailedItemsWithANewAttemptAndIgnoresTheOldAttempt() {
        try (KafkaCompanion companion = TestApi.companion()) {
            // Given a batch of 2 that finished with one failure
            List<GenerationRequested> requests = submitAndRead(companion, "retry me", 2, "");
            UUID batchId = requests.get(0).batchId();
            GenerationRequested failing = requests.get(0);
            WorkerEvents.publish(companion, WorkerEvents.failed(failing, FailureReason.UPSTREAM_UNAVAILABLE));
            WorkerEvents.publish(companion, WorkerEvents.generated(requests.get(1)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> acme().get("/api/batches/" + batchId)
                            .then()
                            .body("status", equalTo("completed_with_errors")));

            // When the client retries the failed items
            ConsumerTask<String, String> reader = TestApi.read(companion, Topics.GENERATION_REQUESTS);
            acme().post("/api/batches/" + batchId + "/retry-failed")
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("running"))
                    .body("counts.queued", equalTo(1))
                    .body("counts.failed", equalTo(0));

            // Then the failed item is requested again with attempt 2
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            TestApi.requestsOf(reader, batchId).stream().anyMatch(request -> request.attempt() == 2));
            GenerationRequested retry = TestApi.requestsOf(reader, batchId).stream()
                    .filter(request -> request.attempt() == 2)
                    .findFirst()
                    .orElseThrow();
            assertThat(retry.itemId()).isEqualTo(failing.itemId());

            // And a late failure of attempt 1 is ignored (a marker failure behind it on its partition is applied)
            WorkerEvents.publishTo(companion, 2, WorkerEvents.failed(failing, FailureReason.UPSTREAM_UNAVAILABLE));
            List<GenerationRequested> marker = submitAndRead(companion, "marker", 1, "");
            WorkerEvents.publishTo(companion, 2, WorkerEvents.failed(marker.get(0), FailureReason.REFUSAL));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> acme().get("/api/batches/" + marker.get(0).batchId())
                                    .then()
                                    .body("status", equalTo("failed")));
            acme().get("/api/batches/" + batchId)
                    .then()
                    .body("status", equalTo("running"))
                    .body("counts.failed", equalTo(0))
                    .body("counts.completed", equalTo(1));

            // And the success of attempt 2 completes the batch
            WorkerEvents.publish(companion, WorkerEvents.generated(retry));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> acme().get("/api/batches/" + batchId)
                            .then()
                            .body("status", equalTo("completed"))
                            .body("counts.completed", equalTo(2))
                            .body("counts.failed", equalTo(0)));
        }
    }

    @Test
    void stopModeStopsTheBatchAtTheFirstPermanentFailure() {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> controls = TestApi.read(companion, Topics.BATCH_CONTROL);
            // Given a batch of 4 in error mode stop
            List<GenerationRequested> requests =
                    submitAndRead(companion, "stop on failure", 4, ", \"errorMode\": \"stop\"");
            UUID batchId = requests.get(0).batchId();

            // When one item succeeds and then one fails for good
            WorkerEvents.publish(companion, WorkerEvents.generated(requests.get(0)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> acme().get("/api/batches/" + batchId).then().body("counts.completed", equalTo(1)));
            WorkerEvents.publish(companion, WorkerEvents.failed(requests.get(1), FailureReason.REFUSAL));

            // Then the batch fails with the rest cancelled, and workers are told to skip it
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> acme().get("/api/batches/" + batchId)
                            .then()
                            .body("status", equalTo("failed"))
                            .body("counts.completed", equalTo(1))
                            .body("counts.failed", equalTo(1))
                            .body("counts.cancelled", equalTo(2))
                            .body("statusReason", org.hamcrest.Matchers.containsString("error mode stop")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !TestApi.recordsOf(controls, batchId).isEmpty());
        }
    }

    @Test
    void stopModeWithAThresholdToleratesFailuresBelowIt() {
        try (KafkaCompanion companion = TestApi.companion()) {
            // Given a batch of 4 in stop mode that tolerates a failure rate of up to 50 %
            List<GenerationRequested> requests =
                    submitAndRead(companion, "threshold", 4, ", \"errorMode\": \"stop\", \"maxFailureRate\": 0.5");
            UUID batchId = requests.get(0).batchId();

            // When 1 of 4 fails (25 %)
            WorkerEvents.publish(companion, WorkerEvents.failed(requests.get(0), FailureReason.REFUSAL));
            for (int i = 1; i < 4; i++) {
                WorkerEvents.publish(companion, WorkerEvents.generated(requests.get(i)));
            }

            // Then the batch runs to its end
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> acme().get("/api/batches/" + batchId)
                            .then()
                            .body("status", equalTo("completed_with_errors"))
                            .body("counts.completed", equalTo(3))
                            .body("counts.cancelled", equalTo(0)));
        }
    }

    @Test
    void stopModeStopsOnceTheFailureRateExceedsTheThreshold() {
        try (KafkaCompanion companion = TestApi.companion()) {
            // Given a batch of 12 in stop mode that tolerates up to 30 % failures (judged after 10 finished)
            List<GenerationRequested> requests =
                    submitAndRead(companion, "rate exceeded", 12, ", \"errorMode\": \"stop\", \"maxFailureRate\": 0.3");
            UUID batchId = requests.get(0).batchId();

            // When 4 of the first 10 items fail (40 %) and 6 succeed
            for (int i = 0; i < 10; i++) {
                if (i < 4) {
                    WorkerEvents.publish(companion, WorkerEvents.failed(requests.get(i), FailureReason.REFUSAL));
                } else {
                    WorkerEvents.publish(companion, WorkerEvents.generated(requests.get(i)));
                }
            }

            // Then the batch stops with the last 2 items cancelled
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> acme().get("/api/batches/" + batchId)
                            .then()
                            .body("status", equalTo("failed"))
                            .body("counts.failed", equalTo(4))
                            .body("counts.completed", equalTo(6))
                            .body("counts.cancelled", equalTo(2)));
        }
    }

    @Test
    void retryingACancelledBatchIsAConflict() {
        UUID batchId = TestApi.submit("cancelled", 1);
        acme().post("/api/batches/" + batchId + "/cancel").then().statusCode(200);

        acme().post("/api/batches/" + batchId + "/retry-failed")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        acme().post("/api/batches/" + batchId + "/cancel").then().statusCode(200);
    }

    private static List<GenerationRequested> submitAndRead(
            KafkaCompanion companion, String name, int count, String extraFields) {
        ConsumerTask<String, String> reader = TestApi.read(companion, Topics.GENERATION_REQUESTS);
        String body = TestApi.batchJson(name, count)
                .replaceFirst(
                        "\"count\"", extraFields.isEmpty() ? "\"count\"" : extraFields.substring(2) + ", \"count\"");
        String id = acme().body(body)
                .post("/api/batches")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        UUID batchId = UUID.fromString(id);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestApi.requestsOf(reader, batchId).size() >= count);
        reader.stop();
        return TestApi.requestsOf(reader, batchId);
    }
}
