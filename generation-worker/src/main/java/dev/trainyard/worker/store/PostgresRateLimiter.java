package dev.trainyard.worker.store;

import dev.trainyard.worker.client.LimitPolicy;
import dev.trainyard.worker.client.RateLimitHeaders;
import dev.trainyard.worker.client.RateLimiter;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The rate-limit ledger in PostgreSQL, shared by every worker replica (see README, "Shared rate limit").
 * Admission runs in one short transaction under a transaction-scoped advisory lock, so replicas decide
 * one after another on the same rows; times come from the database clock, so replicas' clocks do not
 * matter. A throttled call sleeps until the oldest call leaves the window (at most max-poll) and asks again.
 */
public class PostgresRateLimiter implements RateLimiter {

    /** Any constant that no other advisory lock in the database uses. */
    private static final long LOCK_KEY = 7_316_420_001L;

    private static final String WINDOW_USAGE = """
            WITH clock AS (SELECT clock_timestamp() AS now)
            SELECT (extract(epoch FROM (p.paused_until - clock.now)) * 1000)::float8 AS paused_ms,
                   count(c.id)::bigint AS requests,
                   coalesce(sum(c.input_tokens), 0)::bigint AS input_tokens,
                   coalesce(sum(c.output_tokens), 0)::bigint AS output_tokens,
                   (extract(epoch FROM (min(c.started_at) + make_interval(secs => $1) - clock.now)) * 1000)::float8
                       AS oldest_leaves_ms
            FROM clock
            CROSS JOIN generation_worker.rate_limit_pause p
            LEFT JOIN generation_worker.rate_limit_call c ON c.started_at > clock.now - make_interval(secs => $1)
            WHERE p.id = 1
            GROUP BY p.paused_until, clock.now
            """;

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "40", "53", "55", "57", "58");

    private final Pool pool;
    private final LimitPolicy policy;

    public PostgresRateLimiter(Pool pool, LimitPolicy policy) {
        this.pool = pool;
        this.policy = policy;
    }

    @Override
    public Uni<Permit> acquire(long inputTokens, long maxOutputTokens) {
        return pool.withTransaction(connection -> tryAcquire(connection, inputTokens, maxOutputTokens))
                // The database restarting is no reason to fail the item: ask again until it answers (the item
                // deadline bounds the wait). Before, a PostgreSQL restart failed items as upstream_unavailable.
                .onFailure(PostgresRateLimiter::isTransient)
                .invoke(failure -> Log.warnf("rate-limit ledger unavailable, asking again: %s", failure.toString()))
                .onFailure(PostgresRateLimiter::isTransient)
                .retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF)
                .indefinitely()
                .chain(decision -> decision.permit() != null
                        ? Uni.createFrom().item(decision.permit())
                        : sleep(decision.delay()).chain(() -> acquire(inputTokens, maxOutputTokens)));
    }

    /** Either a permit or how long to wait before asking again. */
    private record Decision(Permit permit, Duration delay) {}

    private Uni<Decision> tryAcquire(SqlConnection connection, long input, long output) {
        double windowSeconds = policy.window().toMillis() / 1000.0;
        return connection
                .preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK_KEY))
                .chain(locked -> connection.preparedQuery(WINDOW_USAGE).execute(Tuple.of(windowSeconds)))
                .map(rows -> rows.iterator().next())
                .chain(row -> decide(connection, row, input, output, windowSeconds));
    }

    private Uni<Decision> decide(SqlConnection connection, Row row, long input, long output, double windowSeconds) {
        double pausedMs = row.getDouble("paused_ms");
        if (pausedMs > 0) {
            return Uni.createFrom().item(new Decision(null, poll(Duration.ofMillis((long) Math.ceil(pausedMs)))));
        }
        LimitPolicy.WindowUsage usage = new LimitPolicy.WindowUsage(
                row.getLong("requests"), row.getLong("input_tokens"), row.getLong("output_tokens"));
        if (!policy.admits(usage, input, output)) {
            Double leavesMs = row.getDouble("oldest_leaves_ms");
            long waitMs = leavesMs == null ? 1 : (long) Math.ceil(leavesMs);
            return Uni.createFrom().item(new Decision(null, poll(Duration.ofMillis(Math.max(1, waitMs)))));
        }
        return record(connection, input, output, windowSeconds).map(id -> new Decision(permitFor(id), Duration.ZERO));
    }

    private Uni<Long> record(SqlConnection connection, long input, long output, double windowSeconds) {
        return connection
                .preparedQuery("DELETE FROM generation_worker.rate_limit_call "
                        + "WHERE started_at < clock_timestamp() - make_interval(secs => $1)")
                // Rows stay 5 minutes (at least two windows) so the ledger also shows recent peaks for diagnosis.
                .execute(Tuple.of(Math.max(windowSeconds * 2, 300.0)))
                .chain(deleted -> connection
                        .preparedQuery("INSERT INTO generation_worker.rate_limit_call "
                                + "(started_at, input_tokens, output_tokens) VALUES (clock_timestamp(), $1, $2) "
                                + "RETURNING id")
                        .execute(Tuple.of(input, output)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /**
     * Settling only corrects the reservation to what the call used; if the database is away the reservation
     * stands (it counts the estimate, never less), and the answer already paid for is not thrown away.
     */
    private Permit permitFor(long id) {
        return (input, output) -> pool.preparedQuery("UPDATE generation_worker.rate_limit_call"
                        + " SET input_tokens = $1, output_tokens = $2 WHERE id = $3")
                .execute(Tuple.of(input, output, id))
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(failure -> {
                    Log.warnf("could not settle rate-limit reservation %d: %s", id, failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * A lost or refused connection, or a server starting up or shutting down (SQLSTATE classes 08, 40, 53, 55, 57,
     * 58). Not a statement PostgreSQL rejects, nor this worker's own pool closing as it stops.
     */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            return TRANSIENT_SQLSTATE_CLASSES.contains(pg.getSqlState().substring(0, 2));
        }
        return !"Pool closed".equals(failure.getMessage()) && !(failure instanceof NoSuchElementException);
    }

    @Override
    public Uni<Void> pauseFor(Duration duration) {
        return pool.preparedQuery("UPDATE generation_worker.rate_limit_pause "
                        + "SET paused_until = greatest(paused_until, clock_timestamp() + make_interval(secs => $1)) "
                        + "WHERE id = 1")
                .execute(Tuple.of(duration.toMillis() / 1000.0))
                .replaceWithVoid();
    }

    @Override
    public void observe(RateLimitHeaders headers) {
        policy.observe(headers);
        Duration pause = policy.pauseFor(headers);
        if (!pause.isZero()) {
            // Fire and forget: the pause only makes other calls wait a little; a lost update is harmless.
            pauseFor(pause).subscribe().with(ignored -> {}, failure -> {});
        }
    }

    private Duration poll(Duration wait) {
        return wait.compareTo(policy.maxPoll()) > 0 ? policy.maxPoll() : wait;
    }

    private static Uni<Void> sleep(Duration duration) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(duration);
    }
}
