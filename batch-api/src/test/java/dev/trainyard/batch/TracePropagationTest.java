package dev.trainyard.batch;

import static dev.trainyard.batch.TestApi.acme;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.InJvmKafka;
import dev.trainyard.testsupport.Traceparent;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The requests of a batch are published in the trace of the call that submitted it, although the relay sends
 * them later, from a context of its own: the trace travels with the outbox rows.
 */
@QuarkusTest
class TracePropagationTest {

    @BeforeAll
    static void topics() {
        InJvmKafka.createTopics(2, Topics.BATCH_REQUESTS, Topics.BATCH_REQUESTS_DLQ);
    }

    @Test
    void theRequestsOfABatchPostedInATraceCarryThatTraceToKafka() {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> requests = TestApi.read(companion, Topics.GENERATION_REQUESTS);
            Traceparent caller = Traceparent.random();

            // When a caller in a trace of its own submits a batch of 3
            String id = acme().header("traceparent", caller.header())
                    .body(TestApi.batchJson("traced", 3))
                    .post("/api/batches")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");

            // Then each of its 3 requests carries a traceparent of the caller's trace, from a span below the caller
            List<Traceparent> published = awaitTraceparents(requests, UUID.fromString(id), 3);
            assertThat(published)
                    .allSatisfy(parent -> assertThat(parent.traceId()).isEqualTo(caller.traceId()));
            assertThat(published)
                    .allSatisfy(parent -> assertThat(parent.spanId()).isNotEqualTo(caller.spanId()));
        }
    }

    @Test
    void theRequestsOfABatchSubmittedOverKafkaCarryTheSubmittingRecordsTrace() {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> requests = TestApi.read(companion, Topics.GENERATION_REQUESTS);
            Traceparent producer = Traceparent.random();
            UUID requestId = UUID.randomUUID();

            // When a batch request of 2 arrives on batch-requests with a traceparent header
            ProducerRecord<String, String> record = new ProducerRecord<>(
                    Topics.BATCH_REQUESTS, requestId.toString(), KafkaSubmissionTest.request(requestId, "acme", 2, ""));
            record.headers().add("traceparent", producer.header().getBytes(StandardCharsets.UTF_8));
            companion.produceStrings().fromRecords(record).awaitCompletion();

            // Then both requests it becomes are published in the producer's trace
            List<Traceparent> published = awaitTraceparents(requests, requestId, 2);
            assertThat(published)
                    .allSatisfy(parent -> assertThat(parent.traceId()).isEqualTo(producer.traceId()));
        }
    }

    private static List<Traceparent> awaitTraceparents(
            ConsumerTask<String, String> requests, UUID batchId, int expected) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestApi.recordsOf(requests, batchId).size() >= expected);
        List<ConsumerRecord<String, String>> records = TestApi.recordsOf(requests, batchId);
        assertThat(records).hasSize(expected);
        return records.stream().map(TracePropagationTest::traceparentOf).toList();
    }

    private static Traceparent traceparentOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header of %s", record.key()).isNotNull();
        return Traceparent.parse(new String(header.value(), StandardCharsets.UTF_8));
    }
}
