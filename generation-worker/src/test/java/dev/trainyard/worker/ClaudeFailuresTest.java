package dev.trainyard.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.BatchControl;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.FailureReason;
import dev.trainyard.model.GenerationFailed;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import dev.trainyard.testsupport.InJvmKafka;
import dev.trainyard.testsupport.KafkaTestResource;
import dev.trainyard.testsupport.PostgresTestResource;
import dev.trainyard.worker.messaging.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each failure the Claude API really produces, injected by the simulator process (scripted faults for the
 * next calls), through the worker's real HTTP client, with events on the real broker.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SimulatorProcessResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ClaudeFailuresTest {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaCompanion kafka;
    private static ConsumerTask<String, String> generated;
    private static ConsumerTask<String, String> failed;
    private static ConsumerTask<String, String> control;

    @BeforeAll
    static void listen() {
        kafka = new KafkaCompanion(InJvmKafka.bootstrapServers());
        generated = kafka.consumeStrings().fromTopics(Topics.CONVERSATIONS_GENERATED);
        failed = kafka.consumeStrings().fromTopics(Topics.GENERATION_FAILED);
        control = kafka.consumeStrings().fromTopics(Topics.BATCH_CONTROL);
    }

    @AfterAll
    static void close() {
        generated.stop();
        failed.stop();
        control.stop();
        kafka.close();
    }

    @BeforeEach
    void cleanSimulator() {
        Simulator.reset();
    }

    @Test
    void a429WithRetryAfterIsWaitedOutThenTheItemSucceeds() throws Exception {
        // Given the next call is rate limited with retry-after: 1
        Simulator.scriptFaults("rate_limited");

        // When an item is processed
        GenerationRequested request = produce(UUID.randomUUID(), 2048);

        // Then it succeeds after waiting at least the retry-after
        ConversationGenerated event = JSON.readValue(awaitOne(generated, request), ConversationGenerated.class);
        assertThat(event.latencyMs()).isGreaterThanOrEqualTo(1000);
        assertThat(Simulator.stats().get("throttled").asLong()).isEqualTo(1);
        assertThat(Simulator.stats().get("ok").asLong()).isEqualTo(1);
    }

    @Test
    void anItemThrottledLongerThanThePollIntervalIsProcessedOnceWithoutARebalance() throws Exception {
        // Given seven 429s with retry-after 1 s in a row: about 7 s of throttling, longer than the test
        // profile's max.poll.interval.ms of 4 s
        Simulator.scriptFaults(
                "rate_limited",
                "rate_limited",
                "rate_limited",
                "rate_limited",
                "rate_limited",
                "rate_limited",
                "rate_limited");

        // When an item is processed
        GenerationRequested request = produce(UUID.randomUUID(), 2048);

        // Then while it is throttled the worker stays live: an orchestrator must not restart it for waiting
        int probes = 0;
        while (recordsOf(generated, request.itemId()).isEmpty() && probes < 60) {
            io.restassured.RestAssured.given().get("/q/health/live").then().statusCode(200);
            probes++;
            Thread.sleep(250);
        }
        assertThat(probes).as("liveness probes made during the throttling").isGreaterThan(10);
        // And it is generated after the throttling, exactly once: a consumer thrown out of its group would
        // have had the uncommitted record redelivered and generated twice
        ConversationGenerated event = JSON.readValue(awaitOne(generated, request), ConversationGenerated.class);
        assertThat(event.latencyMs()).isGreaterThanOrEqualTo(7000);
        Thread.sleep(3000);
        assertThat(recordsOf(generated, request.itemId())).hasSize(1);
        assertThat(Simulator.stats().get("throttled").asLong()).isEqualTo(7);
    }

    @Test
    void overloadIsRetriedWithBackoffWithoutUsingUpTheItemsAttempts() throws Exception {
        // Given more 529s in a row than the item has attempts (3 in the test profile)
        Simulator.scriptFaults("overloaded", "overloaded", "overloaded", "overloaded");

        // When an item is processed
        GenerationRequested request = produce(UUID.randomUUID(), 2048);

        // Then it still succeeds
        awaitOne(generated, request);
        assertThat(Simulator.stats().get("byStatus").get("529").asLong()).isEqualTo(4);
    }

    @Test
    void serverErrorsAreRetriedThenFailAsUpstreamUnavailableWhenAttemptsRunOut() throws Exception {
        // Given three 500s in a row (as many as the item's attempts)
        Simulator.scriptFaults("server_error", "server_error", "server_error");

        // When an item is processed
        GenerationRequested request = produce(UUID.randomUUID(), 2048);

        // Then it fails as upstream_unavailable after exactly three calls
        GenerationFailed event = JSON.readValue(awaitOne(failed, request), GenerationFailed.class);
        assertThat(event.reason()).isEqualTo(FailureReason.UPSTREAM_UNAVAILABLE);
        assertThat(Simulator.stats().get("requests").asLong()).isEqualTo(3);
    }

    @Test
    void aServerErrorFollowedBySuccessRecovers() throws Exception {
        Simulator.scriptFaults("server_error");

        GenerationRequested request = produce(UUID.randomUUID(), 2048);

        awaitOne(generated, request);
        assertThat(Simulator.stats().get("requests").asLong()).isEqualTo(2);
    }

    @Test
    void aHangingAnswerTimesOutPerAttemptAndTheRetrySucceeds() throws Exception {
        // Given the next call never answers (attempt timeout is 2 s in the test profile)
        Simulator.scriptFaults("hang");

        // When an item is processed
        GenerationRequested request = produce(UUID.randomUUID(), 2048);

        // Then the retry after the timeout produces the conversation
        ConversationGenerated event = JSON.readValue(awaitOne(generated, request), ConversationGenerated.class);
        assertThat(event.latencyMs()).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void aLongGenerationIsStreamedAndAccumulatedIntoTheConversation() throws Exception {
        // Given an item with a budget at the streaming threshold
        GenerationRequested request = produce(UUID.randomUUID(), 8192);

        // Then it is generated from the event stream, with usage from the stream's events
        ConversationGenerated event = JSON.readValue(awaitOne(generated, request), ConversationGenerated.class);
        assertThat(event.conversation().exchanges()).isEqualTo(2);
        assertThat(event.usage().inputTokens()).isPositive();
        assertThat(event.usage().outputTokens()).isGreaterThan(10);
        assertThat(Simulator.stats().get("streamed").asLong()).isEqualTo(1);
    }

    @Test
    void aStalledStreamHitsTheIdleTimeoutAndTheRetrySucceeds() throws Exception {
        // Given the next streamed call never sends anything (idle timeout 2 s in the test profile),
        // then an overloaded answer
        Simulator.scriptFaults("hang", "overloaded");

        // When a streamed item is processed
        GenerationRequested request = produce(UUID.randomUUID(), 8192);

        // Then it is generated by the third call, after the idle timeout
        ConversationGenerated event = JSON.readValue(awaitOne(generated, request), ConversationGenerated.class);
        assertThat(event.latencyMs()).isGreaterThanOrEqualTo(2000);
        assertThat(Simulator.stats().get("requests").asLong()).isEqualTo(3);
        assertThat(Simulator.stats().get("streamed").asLong()).isEqualTo(1);
    }

    @Test
    void a413FailsAtOnceWithoutRetry() throws Exception {
        Simulator.scriptFaults("too_large");

        GenerationRequested request = produce(UUID.randomUUID(), 2048);

        GenerationFailed event = JSON.readValue(awaitOne(failed, request), GenerationFailed.class);
        assertThat(event.reason()).isEqualTo(FailureReason.INVALID_REQUEST);
        assertThat(Simulator.stats().get("requests").asLong()).isEqualTo(1);
    }

    @Test
    void aTruncatedAnswerIsRetriedOnceWithALargerBudgetAndSucceeds() throws Exception {
        Simulator.scriptFaults("truncation");

        GenerationRequested request = produce(UUID.randomUUID(), 2048);

        ConversationGenerated event = JSON.readValue(awaitOne(generated, request), ConversationGenerated.class);
        assertThat(event.stopReason()).isEqualTo("end_turn");
        assertThat(Simulator.stats().get("requests").asLong()).isEqualTo(2);
    }

    @Test
    void refusalContextWindowAndProseFailWithTheirOwnReasons() throws Exception {
        // Given three answers that are not conversations
        Simulator.scriptFaults("refusal");
        GenerationRequested refused = produce(UUID.randomUUID(), 2048);
        awaitOne(failed, refused);
        Simulator.scriptFaults("context_window");
        GenerationRequested tooLong = produce(UUID.randomUUID(), 2048);
        awaitOne(failed, tooLong);
        Simulator.scriptFaults("invalid_output");
        GenerationRequested prose = produce(UUID.randomUUID(), 2048);

        // Then each fails with its reason, and none reaches the generated topic
        assertThat(JSON.readValue(awaitOne(failed, refused), GenerationFailed.class)
                        .reason())
                .isEqualTo(FailureReason.REFUSAL);
        assertThat(JSON.readValue(awaitOne(failed, tooLong), GenerationFailed.class)
                        .reason())
                .isEqualTo(FailureReason.CONTEXT_WINDOW_EXCEEDED);
        GenerationFailed invalid = JSON.readValue(awaitOne(failed, prose), GenerationFailed.class);
        assertThat(invalid.reason()).isEqualTo(FailureReason.INVALID_OUTPUT);
        assertThat(invalid.rawOutput()).startsWith("Sure!");
        assertThat(recordsOf(generated, refused.batchId())).isEmpty();
    }

    @Test
    void aSpentBudgetPausesTheBatchOnceAndItsOtherItemsAreSkipped() throws Exception {
        // Given the API answers 429 without retry-after
        Simulator.scriptFaults("budget_spent");
        UUID batchId = UUID.randomUUID();

        // When an item of the batch is processed
        GenerationRequested first = produce(batchId, 2048);

        // Then a paused control record with the reason is published for the batch
        await().atMost(WAIT).until(() -> !recordsOf(control, batchId).isEmpty());
        ConsumerRecord<String, String> record = recordsOf(control, batchId).get(0);
        BatchControl paused = JSON.readValue(record.value(), BatchControl.class);
        assertThat(record.key()).isEqualTo(batchId.toString());
        assertThat(paused.action()).isEqualTo(BatchControl.Action.PAUSED);
        assertThat(paused.reason()).contains("budget spent");
        // And a later item of the same batch makes no call and no event
        produce(batchId, 2048);
        Thread.sleep(1500);
        assertThat(Simulator.stats().get("requests").asLong()).isEqualTo(1);
        assertThat(recordsOf(generated, batchId)).isEmpty();
        assertThat(recordsOf(failed, first.batchId())).isEmpty();
    }

    @Test
    void itemsOfACancelledBatchAreSkipped() throws Exception {
        // Given batch-api cancelled a batch
        UUID batchId = UUID.randomUUID();
        BatchControl cancelled = new BatchControl(
                BatchControl.SCHEMA_VERSION, batchId, BatchControl.Action.CANCELLED, "user", Instant.now());
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(
                        Topics.BATCH_CONTROL, batchId.toString(), JSON.writeValueAsString(cancelled)))
                .awaitCompletion();
        Thread.sleep(1000);

        // When one of its items arrives, followed by an item of a live batch
        produce(batchId, 2048);
        GenerationRequested live = produce(UUID.randomUUID(), 2048);

        // Then only the live item is generated, and the cancelled one made no call
        awaitOne(generated, live);
        Thread.sleep(500);
        assertThat(recordsOf(generated, batchId)).isEmpty();
        assertThat(recordsOf(failed, batchId)).isEmpty();
        assertThat(Simulator.stats().get("requests").asLong()).isEqualTo(1);
    }

    @Test
    void everyEventCarriesItsCostFromThePriceTable() throws Exception {
        GenerationRequested request = produce(UUID.randomUUID(), 2048);

        ConsumerRecord<String, String> record = awaitRecord(generated, request);

        ConversationGenerated event = JSON.readValue(record.value(), ConversationGenerated.class);
        double cost = Double.parseDouble(new String(
                record.headers().lastHeader(EventPublisher.COST_HEADER).value(), StandardCharsets.UTF_8));
        // claude-sonnet-4-5 in the price table: 3 input, 15 output, 3.75 cache write, 0.30 cache read per million
        double expected = (event.usage().inputTokens() * 3.0
                        + event.usage().outputTokens() * 15.0
                        + event.usage().cacheCreationInputTokens() * 3.75
                        + event.usage().cacheReadInputTokens() * 0.30)
                / 1_000_000;
        assertThat(event.usage().cacheCreationInputTokens() + event.usage().cacheReadInputTokens())
                .isPositive();
        assertThat(cost).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.000001));
        assertThat(cost).isPositive();
    }

    private static GenerationRequested produce(UUID batchId, int maxTokens) throws Exception {
        GenerationRequested request = new GenerationRequested(
                GenerationRequested.SCHEMA_VERSION,
                batchId,
                UUID.randomUUID(),
                1,
                "claude-sonnet-4-5",
                "a beekeeper",
                "winter hives",
                null,
                2,
                maxTokens,
                null);
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(
                        Topics.GENERATION_REQUESTS, request.itemId().toString(), JSON.writeValueAsString(request)))
                .awaitCompletion();
        return request;
    }

    private static String awaitOne(ConsumerTask<String, String> task, GenerationRequested request) {
        return awaitRecord(task, request).value();
    }

    private static ConsumerRecord<String, String> awaitRecord(
            ConsumerTask<String, String> task, GenerationRequested request) {
        String itemId = request.itemId().toString();
        await().atMost(WAIT).until(() -> !recordsOf(task, itemId).isEmpty());
        return recordsOf(task, itemId).get(0);
    }

    private static List<ConsumerRecord<String, String>> recordsOf(ConsumerTask<String, String> task, Object id) {
        return task.getRecords().stream()
                .filter(r -> r.value().contains(id.toString()))
                .toList();
    }
}
