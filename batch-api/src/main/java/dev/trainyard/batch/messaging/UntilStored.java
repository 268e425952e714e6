package dev.trainyard.batch.messaging;

import dev.trainyard.batch.service.InvalidRequestException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.Set;

/**
 * How the consumers wait out a database that does not answer (a PostgreSQL restart, a failover): the update is
 * retried with back-off until it is stored, and the partition waits meanwhile; an invalid request or a
 * statement PostgreSQL rejects is not retried. Every update they make is
 * idempotent, so a retry cannot apply anything twice. A consumer stuck longer than its channel's
 * {@code throttled.unprocessed-record-max-age.ms} reports a failure, and liveness asks for a restart.
 */
final class UntilStored {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /**
     * SQLSTATE classes: connection, rollback, resources, object not in prerequisite state (a database refusing
     * connections), operator intervention (shutting down, starting up), system error.
     */
    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "40", "53", "55", "57", "58");

    private UntilStored() {}

    static <T> Uni<T> retry(Uni<T> update, String what) {
        return update.onFailure(UntilStored::isTransient)
                .invoke(failure -> Log.warnf("%s failed, retrying: %s", what, failure.toString()))
                .onFailure(UntilStored::isTransient)
                .retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF)
                .indefinitely();
    }

    /**
     * A lost or refused connection, a server shutting down, a deadlock or a serialization failure passes; an
     * error PostgreSQL gives for the statement itself (bad data, a violated constraint, a syntax error) would
     * come back on every retry, so it fails the update and the channel.
     */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            return TRANSIENT_SQLSTATE_CLASSES.contains(pg.getSqlState().substring(0, 2));
        }
        return !(failure instanceof InvalidRequestException);
    }
}
