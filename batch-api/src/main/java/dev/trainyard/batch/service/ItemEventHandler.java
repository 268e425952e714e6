package dev.trainyard.batch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainyard.batch.config.BatchApiConfig;
import dev.trainyard.batch.messaging.OutboxRelay;
import dev.trainyard.batch.store.BatchCounts;
import dev.trainyard.batch.store.BatchRow;
import dev.trainyard.batch.store.BatchStore;
import dev.trainyard.batch.store.OutboxRecord;
import dev.trainyard.batch.store.OutboxStore;
import dev.trainyard.model.BatchControl;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.GenerationFailed;
import dev.trainyard.model.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Applies the workers' events to items and settles the batch status. Each event runs in one transaction that
 * first locks its batch, so events of one batch are decided one at a time. An event only moves an item that
 * is still open, which makes duplicates and late events harmless and never revives a cancelled item.
 */
@ApplicationScoped
public class ItemEventHandler {

    private final BatchStore store;
    private final OutboxStore outbox;
    private final BatchApiConfig config;
    private final OutboxRelay relay;
    private final ProgressNotifier notifier;
    private final ItemMetrics metrics;

    public ItemEventHandler(
            BatchStore store,
            OutboxStore outbox,
            BatchApiConfig config,
            OutboxRelay relay,
            ProgressNotifier notifier,
            ItemMetrics metrics) {
        this.store = store;
        this.outbox = outbox;
        this.config = config;
        this.relay = relay;
        this.notifier = notifier;
        this.metrics = metrics;
    }

    /** @return true when the event changed the item, false for a duplicate, late or unknown one */
    public Uni<Boolean> onGenerated(ConversationGenerated event) {
        JsonObject conversation = new JsonObject(json(event.conversation()));
        return store.pool()
                .withTransaction(connection -> store.lockBatch(connection, event.batchId())
                        .flatMap(batch -> batch == null
                                ? Uni.createFrom().item(false)
                                : store.completeItem(connection, event, conversation)
                                        .flatMap(changed -> settleIfChanged(connection, batch, changed))))
                .invoke(changed -> afterEvent(event.batchId(), changed, BatchStatus.COMPLETED));
    }

    /** @return true when the event changed the item, false for a duplicate, late or unknown one */
    public Uni<Boolean> onFailed(GenerationFailed event) {
        return store.pool()
                .withTransaction(connection -> store.lockBatch(connection, event.batchId())
                        .flatMap(batch -> batch == null
                                ? Uni.createFrom().item(false)
                                : store.failItem(connection, event)
                                        .flatMap(changed -> settleIfChanged(connection, batch, changed))))
                .invoke(changed -> afterEvent(event.batchId(), changed, BatchStatus.FAILED));
    }

    private void afterEvent(java.util.UUID batchId, boolean changed, String itemStatus) {
        if (changed) {
            metrics.itemMoved(itemStatus);
            notifier.changed(batchId);
            // Only a stopped batch writes outbox rows here; the relay's timer would find them too, this is
            // just sooner. Cheap: a signal during a running round merely schedules one more round.
            relay.signal();
        }
    }

    private Uni<Boolean> settleIfChanged(SqlConnection connection, BatchRow batch, boolean changed) {
        if (!changed) {
            return Uni.createFrom().item(false);
        }
        if (!BatchStatus.isOpen(batch.status())) {
            return store.touch(connection, batch.id()).replaceWith(true);
        }
        if ("stop".equals(batch.errorMode())) {
            // Stop mode judges the failure rate, which needs every count after every change.
            return settleWithCounts(connection, batch);
        }
        // Counting a large batch on every event would cap throughput; an indexed "anything open?" is enough
        // until the last item finishes.
        return store.hasOpenItems(connection, batch.id())
                .flatMap(open -> open ? markRunning(connection, batch) : settleWithCounts(connection, batch))
                .replaceWith(true);
    }

    private Uni<Boolean> settleWithCounts(SqlConnection connection, BatchRow batch) {
        return store.counts(connection, batch.id())
                .flatMap(counts -> settle(connection, batch, counts))
                .replaceWith(true);
    }

    private Uni<Void> markRunning(SqlConnection connection, BatchRow batch) {
        if (BatchStatus.QUEUED.equals(batch.status())) {
            return store.updateStatus(connection, batch.id(), BatchStatus.RUNNING, null, false);
        }
        return store.touch(connection, batch.id());
    }

    /** Decides the batch status from its counts after an item changed. */
    Uni<Void> settle(SqlConnection connection, BatchRow batch, BatchCounts counts) {
        if (!BatchStatus.isOpen(batch.status())) {
            return store.touch(connection, batch.id());
        }
        if (shouldStop(batch, counts)) {
            return stop(connection, batch, counts);
        }
        if (counts.open() == 0) {
            String status = finalStatus(counts);
            Log.infof("Batch %s %s: %d completed, %d failed", batch.id(), status, counts.completed(), counts.failed());
            return store.updateStatus(connection, batch.id(), status, null, true);
        }
        if (BatchStatus.QUEUED.equals(batch.status())) {
            return store.updateStatus(connection, batch.id(), BatchStatus.RUNNING, null, false);
        }
        return store.touch(connection, batch.id());
    }

    private boolean shouldStop(BatchRow batch, BatchCounts counts) {
        if (!"stop".equals(batch.errorMode()) || counts.failed() == 0) {
            return false;
        }
        double threshold = batch.maxFailureRate() != null
                ? batch.maxFailureRate()
                : config.batch().stopFailureRate();
        if (threshold <= 0) {
            return true;
        }
        long judged = counts.completed() + counts.failed();
        if (judged < config.batch().stopMinFinished() && counts.open() > 0) {
            return false;
        }
        return (double) counts.failed() / judged > threshold;
    }

    private Uni<Void> stop(SqlConnection connection, BatchRow batch, BatchCounts counts) {
        String reason = "stopped after " + counts.failed() + " failed of " + (counts.completed() + counts.failed())
                + " finished items (error mode stop)";
        Log.infof("Batch %s %s", batch.id(), reason);
        BatchControl control = new BatchControl(
                BatchControl.SCHEMA_VERSION, batch.id(), BatchControl.Action.CANCELLED, reason, Instant.now());
        OutboxRecord record =
                OutboxRecord.of(Topics.BATCH_CONTROL, batch.id().toString(), json(control), batch.id(), null);
        return store.cancelOpenItems(connection, batch.id())
                .flatMap(ignored -> store.updateStatus(connection, batch.id(), BatchStatus.FAILED, reason, true))
                .flatMap(ignored -> outbox.add(connection, List.of(record)));
    }

    static String finalStatus(BatchCounts counts) {
        if (counts.failed() == 0 && counts.cancelled() == 0) {
            return BatchStatus.COMPLETED;
        }
        if (counts.completed() == 0 && counts.cancelled() == 0) {
            return BatchStatus.FAILED;
        }
        return BatchStatus.COMPLETED_WITH_ERRORS;
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event records always serialize", e);
        }
    }
}
