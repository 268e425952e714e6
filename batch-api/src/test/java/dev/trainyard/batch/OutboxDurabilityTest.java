package dev.trainyard.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trainyard.batch.messaging.OutboxRelay;
import dev.trainyard.batch.messaging.RelayFaults;
import dev.trainyard.batch.store.OutboxStore;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A crash can hit between the commit of a batch and the send of its records, or between the send and the
 * "sent" mark. Either way every accepted record must reach the topic at least once.
 */
@QuarkusTest
class OutboxDurabilityTest {

    @Inject
    RelayFaults faults;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    @Inject
    OutboxStore outbox;

    @AfterEach
    void disarm() {
        faults.release();
        faults.crashAfterPublish(0);
    }

    @Test
    void recordsCommittedButNeverSentArePublishedWhenTheRelayComesBack() {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> requests = TestApi.read(companion, Topics.GENERATION_REQUESTS);
            // Given a relay that is down right after the commit (as if the process was killed there)
            faults.hold();

            // When a batch of 25 is accepted
            UUID batchId = TestApi.submit("crash before send", 25);

            // Then nothing is on the topic yet but all 25 records wait durably in the outbox
            assertThat(unsent(batchId)).isEqualTo(25);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> TestApi.requestsOf(requests, batchId).isEmpty());

            // When the relay runs again (the next process start)
            faults.release();
            relay.signal();

            // Then every item's request is published and the outbox is drained
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestApi.requestsOf(requests, batchId).size() >= 25);
            assertThat(distinctItems(requests, batchId)).hasSize(25);
            await().atMost(Duration.ofSeconds(10)).until(() -> unsent(batchId) == 0);
        }
    }

    @Test
    void aCrashAfterSendingButBeforeMarkingSentRepublishesInsteadOfLosing() {
        try (KafkaCompanion companion = TestApi.companion()) {
            ConsumerTask<String, String> requests = TestApi.read(companion, Topics.GENERATION_REQUESTS);
            // Given a relay whose next round dies after the broker acknowledged but before the rows are marked
            faults.hold();
            UUID batchId = TestApi.submit("crash after send", 10);
            faults.crashAfterPublish(1);

            // When the relay runs
            faults.release();
            relay.signal();

            // Then each request arrives twice (at-least-once), and nothing stays unsent
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestApi.requestsOf(requests, batchId).size() >= 20);
            Map<UUID, Long> copies = distinctItems(requests, batchId);
            assertThat(copies).hasSize(10);
            assertThat(copies.values()).allMatch(count -> count == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> unsent(batchId) == 0);
        }
    }

    @Test
    void cleanUpDeletesOnlyRowsThatWereSent() {
        // Given one batch fully sent and one held in the outbox
        UUID sent = TestApi.submit("sent", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(sent) == 0 && rows(sent) == 3);
        faults.hold();
        UUID waiting = TestApi.submit("waiting", 2);

        // When sent rows older than zero seconds are cleaned up
        outbox.deleteSentBefore(pool, Duration.ZERO).await().atMost(Duration.ofSeconds(5));

        // Then the sent batch's rows are gone and the unsent ones stay
        assertThat(rows(sent)).isZero();
        assertThat(unsent(waiting)).isEqualTo(2);
    }

    private long rows(UUID batchId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM batch_api.outbox WHERE batch_id = $1")
                .execute(Tuple.of(batchId))
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next()
                .getLong("n");
    }

    private static Map<UUID, Long> distinctItems(ConsumerTask<String, String> requests, UUID batchId) {
        return TestApi.requestsOf(requests, batchId).stream()
                .map(GenerationRequested::itemId)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private long unsent(UUID batchId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM batch_api.outbox WHERE batch_id = $1 AND sent_at IS NULL")
                .execute(Tuple.of(batchId))
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next()
                .getLong("n");
    }
}
