package dev.trainyard.batch.messaging;

import dev.trainyard.batch.config.BatchApiConfig;
import dev.trainyard.batch.store.OutboxStore;
import dev.trainyard.batch.store.OutboxStore.Claimed;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows to Kafka and marks them sent only after the broker acknowledged every one of them.
 * A crash between commit and send, or a broker outage, leaves rows unsent; they are published on the next
 * round (at the latest one interval after start), so every accepted record reaches Kafka at least once.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Outgoing channel of the relay; each record names its own topic in its metadata. */
    public static final String CHANNEL = "outbox";

    private final Pool pool;
    private final OutboxStore outbox;
    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final BatchApiConfig config;
    private final RelayFaults faults;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean stopped;
    private long timerId = -1;
    private long lastCleanup;

    /** Clean-up of sent rows runs at most this often; it is housekeeping, not part of delivery. */
    private static final long CLEANUP_EVERY_MS = 60_000;

    public OutboxRelay(
            Pool pool,
            OutboxStore outbox,
            @Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter,
            Vertx vertx,
            BatchApiConfig config,
            RelayFaults faults) {
        this.pool = pool;
        this.outbox = outbox;
        this.emitter = emitter;
        this.vertx = vertx;
        this.config = config;
        this.faults = faults;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.outbox().relayEnabled()) {
            Log.info("Outbox relay disabled by configuration");
            return;
        }
        timerId = vertx.setPeriodic(config.outbox().relayInterval().toMillis(), id -> onTimer());
        signal();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void onTimer() {
        signal();
        long now = System.currentTimeMillis();
        if (now - lastCleanup >= CLEANUP_EVERY_MS) {
            lastCleanup = now;
            Untraced.run(vertx.getDelegate(), this::cleanUp);
        }
    }

    private void cleanUp() {
        outbox.deleteSentBefore(pool, config.outbox().retention())
                .subscribe()
                .with(
                        deleted -> Log.debugf("Deleted %d sent outbox rows", deleted),
                        failure -> Log.warnf("Outbox clean-up failed, retried later: %s", failure.toString()));
    }

    /** Asks for a relay round soon; cheap to call after every commit that added rows. */
    public void signal() {
        if (stopped || !config.outbox().relayEnabled()) {
            return;
        }
        pending.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        pending.set(false);
        Untraced.run(vertx.getDelegate(), () -> relayRound().subscribe().with(this::afterRound, this::afterFailure));
    }

    private void afterRound(Integer relayed) {
        running.set(false);
        boolean more = relayed >= config.outbox().relayBatchSize();
        if (more || pending.get()) {
            signal();
        }
    }

    private void afterFailure(Throwable failure) {
        running.set(false);
        Log.warnf("Outbox relay round failed, rows stay unsent and are retried: %s", failure.toString());
    }

    /** Claims, publishes and marks one chunk of rows in one transaction; returns how many rows it handled. */
    Uni<Integer> relayRound() {
        if (faults.held()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> outbox.claim(
                        connection, config.outbox().relayBatchSize())
                .flatMap(rows -> publishAll(rows)
                        .flatMap(ignored -> faults.afterPublish(rows.size()))
                        .flatMap(ignored -> markSent(connection, rows))
                        .replaceWith(rows.size())));
    }

    private Uni<Void> markSent(io.vertx.mutiny.sqlclient.SqlConnection connection, List<Claimed> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return outbox.markSent(connection, rows);
    }

    private Uni<Void> publishAll(List<Claimed> rows) {
        List<Uni<Void>> sends =
                rows.stream().filter(row -> !row.skip()).map(this::publish).toList();
        if (sends.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    /**
     * The record is published in the trace stored with its row, not in whatever trace is current: a round
     * runs long after, and often on behalf of, another request. The Kafka connector starts the producer span
     * as a child of that context and writes its {@code traceparent} header.
     */
    private Uni<Void> publish(Claimed row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.record().topic())
                .withKey(row.record().key())
                .build();
        return emitter.sendMessage(Message.of(row.record().payload())
                .addMetadata(metadata)
                .addMetadata(TracingMetadata.withCurrent(row.record().trace().toContext())));
    }
}
