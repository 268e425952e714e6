package dev.trainyard.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trainyard.builder.service.AppendTracing;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.testsupport.Traceparent;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each append of a consumed conversation is a {@code trainyard.append} span in the trace of the worker's event,
 * under the span that consumed it, saying which file grew and by how much.
 */
@QuarkusTest
class AppendTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    InMemorySpanExporter spans;

    @Test
    void anAppendIsASpanOfTheEventsTraceWithTheFileAndWhatItAdded() {
        // Given a new file, and a worker's event in a trace of its own
        UUID fileId = Api.createFile("traced", "openai_chat");
        ConversationGenerated event = TestConversations.generated(fileId, UUID.randomUUID());
        Traceparent worker = Traceparent.random();
        String traceId = worker.traceId();
        String workerSpan = worker.spanId();
        Map<String, String> headers = Map.of("traceparent", worker.header());

        // When the event arrives, and then once more (a redelivery)
        Kafka.send(event, headers);
        await().atMost(WAIT).until(() -> Api.lineCount(fileId) == 1);
        Kafka.send(event, headers);

        // Then each delivery was consumed in the worker's trace and appended in a span below that consumer's
        await().atMost(WAIT).until(() -> appends(traceId).size() == 2);
        List<SpanData> consumed = spansOf(traceId).stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER)
                .toList();
        assertThat(consumed)
                .hasSize(2)
                .allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(workerSpan));
        List<String> consumerIds = consumed.stream().map(SpanData::getSpanId).toList();
        assertThat(appends(traceId)).allSatisfy(append -> {
            assertThat(append.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(consumerIds).contains(append.getParentSpanId());
            assertThat(attribute(append, "trainyard.training_file.id")).isEqualTo(fileId.toString());
        });
        // And the first added one line, the redelivery nothing but a duplicate
        assertThat(appends(traceId))
                .extracting(append -> List.of(
                        attribute(append, "trainyard.append.lines_added"),
                        attribute(append, "trainyard.append.duplicates")))
                .containsExactlyInAnyOrder(List.of("1", "0"), List.of("0", "1"));
    }

    private List<SpanData> appends(String traceId) {
        return spansOf(traceId).stream()
                .filter(span -> span.getName().equals(AppendTracing.SPAN_NAME))
                .toList();
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList();
    }

    private static String attribute(SpanData span, String key) {
        Object value = span.getAttributes().asMap().entrySet().stream()
                .filter(entry -> entry.getKey().getKey().equals(key))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        return String.valueOf(value);
    }
}
