package dev.trainyard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.testsupport.KafkaTestResource;
import dev.trainyard.testsupport.PostgresTestResource;
import dev.trainyard.worker.client.LimitPolicy;
import dev.trainyard.worker.client.RateLimiter;
import dev.trainyard.worker.config.RateLimitConfig;
import dev.trainyard.worker.store.PostgresRateLimiter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three limiters on one PostgreSQL ledger stand for three worker replicas: together they must stay within
 * the one limit. Short windows keep the test quick; the rule is the same for 60 s.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SimulatorProcessResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SharedRateLimitTest {

    @Inject
    Pool pool;

    @Test
    void threeReplicasTogetherNeverExceedTheRequestsPerWindow() throws Exception {
        // Given three replicas sharing a limit of 5 requests per 2 s
        OffsetDateTime since = databaseNow();
        List<RateLimiter> replicas = List.of(limiter(5, 0, 0, 2), limiter(5, 0, 0, 2), limiter(5, 0, 0, 2));

        // When each asks for 5 permits at once (15 in all)
        long started = System.nanoTime();
        List<CompletableFuture<RateLimiter.Permit>> permits = new ArrayList<>();
        for (RateLimiter replica : replicas) {
            for (int i = 0; i < 5; i++) {
                permits.add(replica.acquire(10, 10).subscribeAsCompletionStage());
            }
        }
        CompletableFuture.allOf(permits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        // Then no 2 s window of the ledger holds more than 5 calls, so 15 calls took at least two more windows
        List<OffsetDateTime> starts = callsSince(since);
        assertThat(starts).hasSize(15);
        assertThat(peakPerWindow(starts, Duration.ofSeconds(2))).isLessThanOrEqualTo(5);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(3_900);
    }

    @Test
    void outputIsReservedAtMaxTokensAndTheUnusedPartFreedWhenTheCallEnds() throws Exception {
        // Given an output limit of 1000 tokens per 5 s
        RateLimiter limiter = limiter(0, 0, 1000, 5);
        RateLimiter.Permit first = limiter.acquire(10, 600).await().atMost(Duration.ofSeconds(5));

        // When a second call reserving 600 asks, it must wait while the first holds its reservation
        CompletableFuture<RateLimiter.Permit> second = limiter.acquire(10, 600).subscribeAsCompletionStage();
        Thread.sleep(500);
        assertThat(second).isNotDone();

        // Then settling the first to its real 100 output tokens lets the second in well before the window ends
        long settledAt = System.nanoTime();
        first.settle(10, 100).await().atMost(Duration.ofSeconds(5));
        second.get(3, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - settledAt) / 1_000_000).isLessThan(2_500);
    }

    @Test
    void aPauseFromOneReplicaHoldsBackTheOthers() {
        // Given one replica got a 429 with retry-after 1 s
        RateLimiter one = limiter(0, 0, 0, 2);
        RateLimiter other = limiter(0, 0, 0, 2);
        one.pauseFor(Duration.ofSeconds(1)).await().atMost(Duration.ofSeconds(5));

        // When another replica asks for a permit
        long started = System.nanoTime();
        other.acquire(10, 10).await().atMost(Duration.ofSeconds(10));

        // Then it waited for the pause
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(900);
    }

    private RateLimiter limiter(long rpm, long itpm, long otpm, int windowSeconds) {
        RateLimitConfig config = new RateLimitConfig() {
            @Override
            public String store() {
                return "postgres";
            }

            @Override
            public long rpm() {
                return rpm;
            }

            @Override
            public long itpm() {
                return itpm;
            }

            @Override
            public long otpm() {
                return otpm;
            }

            @Override
            public Duration window() {
                return Duration.ofSeconds(windowSeconds);
            }

            @Override
            public Duration arrivalMargin() {
                return Duration.ZERO;
            }

            @Override
            public Duration maxPoll() {
                return Duration.ofMillis(100);
            }
        };
        return new PostgresRateLimiter(pool, new LimitPolicy(config));
    }

    private OffsetDateTime databaseNow() {
        return pool.query("SELECT clock_timestamp() AS now")
                .execute()
                .map(rows -> rows.iterator().next().getOffsetDateTime("now"))
                .await()
                .atMost(Duration.ofSeconds(5));
    }

    private List<OffsetDateTime> callsSince(OffsetDateTime since) {
        return pool.preparedQuery("SELECT started_at FROM generation_worker.rate_limit_call "
                        + "WHERE started_at >= $1 AND input_tokens = 10 ORDER BY started_at")
                .execute(Tuple.of(since))
                .map(rows -> {
                    List<OffsetDateTime> starts = new ArrayList<>();
                    for (Row row : rows) {
                        starts.add(row.getOffsetDateTime("started_at"));
                    }
                    return starts;
                })
                .await()
                .atMost(Duration.ofSeconds(5));
    }

    private static long peakPerWindow(List<OffsetDateTime> starts, Duration window) {
        long peak = 0;
        int first = 0;
        for (int last = 0; last < starts.size(); last++) {
            while (Duration.between(starts.get(first), starts.get(last)).compareTo(window) >= 0) {
                first++;
            }
            peak = Math.max(peak, last - first + 1);
        }
        return peak;
    }
}
