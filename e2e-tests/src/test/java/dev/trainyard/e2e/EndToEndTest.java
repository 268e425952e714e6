package dev.trainyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.e2e.TraceCollector.CollectedSpan;
import dev.trainyard.testsupport.Traceparent;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * and one real PostgreSQL; a client creates a training file, asks for a batch into it, and downloads it. The
 * services trace as in production and export their spans to the test's OTLP receiver ({@link TraceCollector}).
 */
class EndToEndTest {

    private static final Path ROOT =
            Path.of(System.getProperty("trainyard.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("trainyard.e2e.work", "target/e2e"));
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(240);
    private static final String BATCH_API = "batch-api";
    private static final String WORKER = "generation-worker";
    private static final String BUILDER = "training-file-builder";

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

    @Test
    void oneTraceFollowsABatchFromTheHttpRequestThroughTheWorkerToTheAppend() {
        // Given a new training file, and a client working in a trace of its own
        TrainyardApi api = system.api();
        UUID fileId = api.createTrainingFile("e2e-traced-" + UUID.randomUUID());
        Traceparent client = Traceparent.random();

        // When it submits a batch of two conversations into the file, sending its traceparent
        UUID batchId = api.submitBatch("e2e traced batch", 2, fileId, Map.of("traceparent", client.header()));

        // Then the batch completes and both conversations are appended
        assertThat(awaitFinished(api, batchId).path("status").asText()).isEqualTo("completed");
        await("training file has 2 lines")
                .atMost(Duration.ofSeconds(60))
                .until(() -> api.trainingFile(fileId).path("lineCount").asInt() == 2);

        // And the client's trace holds every step, each below the one before, from the three service processes
        await("trace " + client.traceId() + " through every service")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertOneTraceThroughEveryService(trace(client.traceId()), client, fileId));
        // And batch-api's outbox relay, which polls the database every second, starts no trace of its own
        assertThat(system.traces().all())
                .filteredOn(span -> span.service().equals(BATCH_API) && span.kind() == SpanKind.SPAN_KIND_CLIENT)
                .filteredOn(span -> span.parentSpanId().isEmpty())
                .isEmpty();
    }

    /** The spans of each step, in the order the batch took them; exports arrive in any order, hence the wait. */
    private static void assertOneTraceThroughEveryService(CollectedTrace trace, Traceparent client, UUID fileId) {
        // batch-api: the server span of the POST, a child of the client's span
        CollectedSpan post = trace.only(BATCH_API, SpanKind.SPAN_KIND_SERVER, "POST /api/batches");
        assertThat(post.parentSpanId()).isEqualTo(client.spanId());
        // batch-api: the relay's publish of each item's request, sent later from the outbox yet a child of the POST
        List<CollectedSpan> relayed =
                trace.spans(BATCH_API, SpanKind.SPAN_KIND_PRODUCER, "generation-requests publish");
        assertThat(relayed).as("%s", trace).hasSize(2);
        assertThat(relayed).allSatisfy(span -> assertThat(span.parentSpanId()).isEqualTo(post.spanId()));
        // generation-worker: each request consumed below one of those publishes, and below that consumption
        // its call to the Messages API and the publish of its conversation
        List<CollectedSpan> requests = trace.spans(WORKER, SpanKind.SPAN_KIND_CONSUMER, "generation-requests receive");
        assertThat(requests)
                .extracting(CollectedSpan::parentSpanId)
                .as("%s", trace)
                .containsExactlyInAnyOrderElementsOf(ids(relayed));
        List<CollectedSpan> generated = new ArrayList<>();
        for (CollectedSpan request : requests) {
            List<CollectedSpan> below = trace.below(request);
            assertThat(below)
                    .filteredOn(span -> span.service().equals(WORKER) && span.kind() == SpanKind.SPAN_KIND_CLIENT)
                    .filteredOn(span -> span.attribute("url.full").orElse("").endsWith("/v1/messages"))
                    .as("Claude call below %s in %s", request, trace)
                    .singleElement()
                    .satisfies(call -> assertThat(call.attribute("http.response.status_code"))
                            .contains("200"));
            generated.addAll(below.stream()
                    .filter(span -> span.name().equals("conversations-generated publish"))
                    .toList());
        }
        assertThat(generated)
                .as("%s", trace)
                .hasSize(2)
                .allSatisfy(span -> assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER));
        // training-file-builder: each conversation consumed below the worker's publish, and appended below that
        List<CollectedSpan> conversations =
                trace.spans(BUILDER, SpanKind.SPAN_KIND_CONSUMER, "conversations-generated receive");
        assertThat(conversations)
                .extracting(CollectedSpan::parentSpanId)
                .as("%s", trace)
                .containsExactlyInAnyOrderElementsOf(ids(generated));
        List<CollectedSpan> appends = trace.spans(BUILDER, SpanKind.SPAN_KIND_INTERNAL, "trainyard.append");
        assertThat(appends)
                .extracting(CollectedSpan::parentSpanId)
                .as("%s", trace)
                .containsExactlyInAnyOrderElementsOf(ids(conversations));
        assertThat(appends).allSatisfy(append -> {
            assertThat(append.attribute("trainyard.training_file.id")).contains(fileId.toString());
            assertThat(append.attribute("trainyard.append.lines_added")).contains("1");
        });
    }

    private static CollectedTrace trace(String traceId) {
        return new CollectedTrace(traceId, system.traces().trace(traceId));
    }

    private static List<String> ids(List<CollectedSpan> spans) {
        return spans.stream().map(CollectedSpan::spanId).toList();
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
