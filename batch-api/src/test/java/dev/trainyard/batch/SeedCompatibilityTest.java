package dev.trainyard.batch;

import static dev.trainyard.batch.TestApi.acme;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The previous client app's routes keep working on top of the new batch lifecycle. */
@QuarkusTest
class SeedCompatibilityTest {

    private static final String SEED_BODY = """
            {"name": "seed job", "tier": "template", "errorHandling": "continue", "concurrentProcessing": 3,
             "priority": "normal", "sharedParameters": {"topic": "budgeting"},
             "parameterSets": [
               {"templateId": "%s", "tier": "template",
                "parameters": {"persona": "anxious investor", "emotional_arc": "fear to confidence"}},
               {"templateId": "%s", "tier": "template",
                "parameters": {"persona": "retiree", "topic": "pensions"}}]}
            """.formatted(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void aSeedClientStartsAJobAndPollsProcessNextUntilItCompletes() {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> reader = TestApi.read(companion, Topics.GENERATION_REQUESTS);

            // When the old client starts a job with two parameter sets
            String jobId = acme().body(SEED_BODY)
                    .post("/api/conversations/generate-batch")
                    .then()
                    .statusCode(202)
                    .body("success", equalTo(true))
                    .body("jobId", notNullValue())
                    .extract()
                    .path("jobId");
            UUID batchId = UUID.fromString(jobId);

            // Then one request per parameter set is published with its persona, topic and arc
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestApi.requestsOf(reader, batchId).size() >= 2);
            List<GenerationRequested> requests = TestApi.requestsOf(reader, batchId);
            assertThat(requests)
                    .extracting(GenerationRequested::persona, GenerationRequested::topic)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("anxious investor", "budgeting"),
                            org.assertj.core.groups.Tuple.tuple("retiree", "pensions"));

            // And process-next reports progress while workers do the work in the background
            acme().post("/api/batch-jobs/" + jobId + "/process-next")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("processing_in_background"))
                    .body("remainingItems", equalTo(2))
                    .body("progress.total", equalTo(2));
            requests.forEach(request -> WorkerEvents.publish(companion, WorkerEvents.generated(request)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> acme().post("/api/batch-jobs/" + jobId + "/process-next")
                            .then()
                            .body("status", equalTo("job_completed"))
                            .body("progress.percentage", equalTo(100))
                            .body("progress.successful", equalTo(2)));
            acme().get("/api/batch-jobs/" + jobId)
                    .then()
                    .statusCode(200)
                    .body("job.status", equalTo("completed"))
                    .body("job.successfulItems", equalTo(2));
            // And cancelling a finished job is refused as before
            acme().post("/api/batch-jobs/" + jobId + "/cancel").then().statusCode(400);
        }
    }

    @Test
    void aSeedClientCancelsARunningJob() {
        String jobId = acme().body(SEED_BODY)
                .post("/api/conversations/generate-batch")
                .then()
                .statusCode(202)
                .extract()
                .path("jobId");

        acme().post("/api/batch-jobs/" + jobId + "/cancel")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("job.status", equalTo("cancelled"));
        acme().post("/api/batch-jobs/" + jobId + "/process-next").then().body("status", equalTo("job_cancelled"));
        TestApi.as(TestApi.GLOBEX_KEY).get("/api/batch-jobs/" + jobId).then().statusCode(404);
    }

    @Test
    void aSeedRequestWithoutWorkIsRejectedNamingTheField() {
        acme().body("{\"name\": \"empty\"}")
                .post("/api/conversations/generate-batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("parameterSets"));
    }
}
