package dev.trainyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The main job, end to end: the packaged services run as separate processes against one real Kafka broker
 * and one real PostgreSQL; a client creates a training file, asks for a batch into it, and downloads it.
 */
class EndToEndTest {

    private static final Path ROOT =
            Path.of(System.getProperty("trainyard.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("trainyard.e2e.work", "target/e2e"));
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(240);

    private static TrainyardSystem system;

    @RegisterExtension
    static final TestWatcher PRINT_LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            system.printLogs();
        }
    };

    @BeforeAll
    static void startTrainyard() throws Exception {
        system = TrainyardSystem.start(ROOT, WORK);
    }

    @AfterAll
    static void stopTrainyard() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aBatchOfTenIntoANewTrainingFileCompletesWithTenValidLines() throws Exception {
        // Given a new, empty training file
        TrainyardApi api = system.api();
        UUID fileId = api.createTrainingFile("e2e-" + UUID.randomUUID());

        // When a batch of ten conversations is generated into it
        UUID batchId = api.submitBatch("e2e batch", 10, fileId);

        // Then the batch completes with ten completed items, and the file holds ten lines
        JsonNode batch = awaitFinished(api, batchId);
        assertThat(batch.path("status").asText()).isEqualTo("completed");
        assertThat(batch.path("counts").path("completed").asInt()).isEqualTo(10);
        assertThat(batch.path("counts").path("failed").asInt()).isZero();
        await("training file has 10 lines")
                .atMost(Duration.ofSeconds(60))
                .until(() -> api.trainingFile(fileId).path("lineCount").asInt() >= 10);
        assertThat(api.trainingFile(fileId).path("lineCount").asInt()).isEqualTo(10);

        // And the downloaded JSONL holds exactly ten valid chat examples
        Files.createDirectories(WORK);
        Path jsonl = api.download(fileId, WORK.resolve(fileId + ".jsonl"));
        assertThat(Files.readAllLines(jsonl)).hasSize(10);
        assertThat(JsonlChecks.problems(jsonl)).isEmpty();
        assertValidatorAccepts(jsonl);
    }

    private static JsonNode awaitFinished(TrainyardApi api, UUID batchId) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("batch " + batchId + " finished")
                .atMost(BATCH_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    last.set(api.batch(batchId));
                    return isFinal(last.get().path("status").asText());
                });
        return last.get();
    }

    private static boolean isFinal(String status) {
        return List.of("completed", "completed_with_errors", "failed", "cancelled")
                .contains(status);
    }

    private static void assertValidatorAccepts(Path jsonl) throws Exception {
        Optional<Path> validator = JsonlChecks.validator(ROOT);
        if (validator.isEmpty()) {
            // A clone without shared/ beside it: the Java checks above still ran on every line.
            System.out.println("validate_jsonl.py not found beside " + ROOT + "; checked the lines in Java only");
            return;
        }
        JsonlChecks.ValidatorResult result = JsonlChecks.runValidator(validator.get(), jsonl);
        assertThat(result.exitCode())
                .as("validate_jsonl.py: %s", result.output())
                .isZero();
        assertThat(result.output()).contains("\"lines\": 10");
    }
}
