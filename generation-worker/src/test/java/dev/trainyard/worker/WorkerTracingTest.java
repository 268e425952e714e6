package dev.trainyard.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.InJvmKafka;
import dev.trainyard.testsupport.KafkaTestResource;
import dev.trainyard.testsupport.PostgresTestResource;
import dev.trainyard.testsupport.Traceparent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request's trace goes on through the worker: the span that consumed the record is the parent of every Claude
 * call made for it (retries after a backoff included, and streamed calls) and of the outcome event, whose
 * {@code traceparent} header names that event's producer span.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SimulatorProcessResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class WorkerTracingTest {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private static KafkaCompanion kafka;
    private static ConsumerTask<String, String> generated;
    private static ConsumerTask<String, String> failed;

    @Inject
    InMemorySpanExporter spans;

    @BeforeAll
    static void listen() {
        kafka = new KafkaCompanion(InJvmKafka.bootstrapServers());
        generated = kafka.consumeStrings().fromTopics(Topics.CONVERSATIONS_GENERATED);
        failed = kafka.consumeStrings().fromTopics(Topics.GENERATION_FAILED);
    }

    @AfterAll
    static void close() {
        generated.stop();
        failed.stop();
        kafka.close();
    }

    @BeforeEach
    void cleanSimulator() {
        Simulator.reset();
    }

    @Test
    void aCallRetriedAfterABackoffAndTheGeneratedEventStayInTheRequestsTrace() throws Exception {
        // Given the API answers the first call with a 500, so the second waits out a backoff first
        Simulator.scriptFaults("server_error");
        Traceparent caller = Traceparent.random();

        // When a request arrives in the caller's trace
        GenerationRequested request = produce(caller, 2048);

        // Then its generated event carries the caller's trace
        Traceparent event = traceparentOf(awaitRecord(generated, request));
        assertThat(event.traceId()).isEqualTo(caller.traceId());
        // And the span that consumed the request, a child of the caller's, holds both calls and the publish
        Trace trace = awaitTrace(caller, t -> t.calls().size() == 2 && t.named("conversations-generated publish"));
        SpanData consume = trace.consume();
        assertThat(consume.getParentSpanId()).isEqualTo(caller.spanId());
        assertThat(trace.calls())
                .allSatisfy(call -> assertThat(trace.isBelow(call, consume)).isTrue());
        assertThat(trace.calls())
                .extracting(call -> call.getAttributes().get(STATUS))
                .containsExactlyInAnyOrder(500L, 200L);
        SpanData publish = trace.only("conversations-generated publish");
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(trace.isBelow(publish, consume)).isTrue();
        assertThat(event.spanId()).isEqualTo(publish.getSpanId());
    }

    @Test
    void theFailedEventOfARequestStaysInItsTrace() throws Exception {
        // Given the API rejects the next call as too large (no retry)
        Simulator.scriptFaults("too_large");
        Traceparent caller = Traceparent.random();

        // When a request arrives in the caller's trace
        GenerationRequested request = produce(caller, 2048);

        // Then its failed event is published in that trace, under the span that consumed the request
        Traceparent event = traceparentOf(awaitRecord(failed, request));
        assertThat(event.traceId()).isEqualTo(caller.traceId());
        Trace trace = awaitTrace(caller, t -> t.named("generation-failed publish"));
        SpanData publish = trace.only("generation-failed publish");
        assertThat(trace.isBelow(publish, trace.consume())).isTrue();
        assertThat(event.spanId()).isEqualTo(publish.getSpanId());
    }

    @Test
    void aStreamedCallIsTracedUnderTheRequest() throws Exception {
        // Given a caller's trace, When a request with a budget at the streaming threshold arrives in it
        Traceparent caller = Traceparent.random();
        GenerationRequested request = produce(caller, 8192);

        // Then the streamed call is a span below the request's, and the event stays in the trace
        assertThat(traceparentOf(awaitRecord(generated, request)).traceId()).isEqualTo(caller.traceId());
        Trace trace = awaitTrace(caller, t -> t.calls().size() == 1);
        assertThat(trace.isBelow(trace.calls().get(0), trace.consume())).isTrue();
        assertThat(Simulator.stats().get("streamed").asLong()).isEqualTo(1);
    }

    private Trace awaitTrace(Traceparent caller, java.util.function.Predicate<Trace> complete) {
        await().atMost(WAIT).until(() -> {
            Trace trace = trace(caller.traceId());
            return trace.named("generation-requests receive") && complete.test(trace);
        });
        return trace(caller.traceId());
    }

    private Trace trace(String traceId) {
        return new Trace(spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList());
    }

    /** The finished spans of one trace. */
    private record Trace(List<SpanData> spans) {

        boolean named(String name) {
            return spans.stream().anyMatch(span -> span.getName().equals(name));
        }

        SpanData only(String name) {
            List<SpanData> found =
                    spans.stream().filter(span -> span.getName().equals(name)).toList();
            assertThat(found).as("spans named %s in %s", name, spans).hasSize(1);
            return found.get(0);
        }

        SpanData consume() {
            SpanData consume = only("generation-requests receive");
            assertThat(consume.getKind()).isEqualTo(SpanKind.CONSUMER);
            return consume;
        }

        /** The HTTP client spans of calls to the Messages API. */
        List<SpanData> calls() {
            return spans.stream()
                    .filter(span -> span.getKind() == SpanKind.CLIENT)
                    .filter(span -> Optional.ofNullable(span.getAttributes().get(URL))
                            .orElse("")
                            .endsWith("/v1/messages"))
                    .toList();
        }

        /** True when {@code ancestor} is on the chain of parents of {@code span}. */
        boolean isBelow(SpanData span, SpanData ancestor) {
            Map<String, SpanData> byId =
                    spans.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
            for (SpanData parent = byId.get(span.getParentSpanId());
                    parent != null;
                    parent = byId.get(parent.getParentSpanId())) {
                if (parent.getSpanId().equals(ancestor.getSpanId())) {
                    return true;
                }
            }
            return false;
        }
    }

    private static GenerationRequested produce(Traceparent traceparent, int maxTokens) throws Exception {
        GenerationRequested request = new GenerationRequested(
                GenerationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                1,
                "claude-sonnet-4-5",
                "a lighthouse keeper",
                "storm nights",
                null,
                2,
                maxTokens,
                null);
        ProducerRecord<String, String> record = new ProducerRecord<>(
                Topics.GENERATION_REQUESTS, request.itemId().toString(), JSON.writeValueAsString(request));
        record.headers().add("traceparent", traceparent.header().getBytes(StandardCharsets.UTF_8));
        kafka.produceStrings().fromRecords(record).awaitCompletion();
        return request;
    }

    private static ConsumerRecord<String, String> awaitRecord(
            ConsumerTask<String, String> task, GenerationRequested request) {
        String itemId = request.itemId().toString();
        await().atMost(WAIT)
                .until(() -> task.getRecords().stream().anyMatch(r -> r.value().contains(itemId)));
        return task.getRecords().stream()
                .filter(r -> r.value().contains(itemId))
                .findFirst()
                .orElseThrow();
    }

    private static Traceparent traceparentOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header").isNotNull();
        return Traceparent.parse(new String(header.value(), StandardCharsets.UTF_8));
    }
}
