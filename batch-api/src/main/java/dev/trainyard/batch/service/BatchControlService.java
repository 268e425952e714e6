package dev.trainyard.batch.service;

import dev.trainyard.batch.messaging.OutboxRelay;
import dev.trainyard.batch.store.BatchDetails;
import dev.trainyard.batch.store.BatchRow;
import dev.trainyard.batch.store.BatchStore;
import dev.trainyard.batch.store.BatchStore.RetriedItem;
import dev.trainyard.batch.store.OutboxRecord;
import dev.trainyard.batch.store.OutboxStore;
import dev.trainyard.model.BatchControl;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Cancels batches and retries their failed items. Each action changes the items and writes the Kafka records
 * that announce it (a {@link BatchControl} record, new requests) in one transaction, like a submission.
 */
@ApplicationScoped
public class BatchControlService {

    private final BatchStore store;
    private final OutboxStore outbox;
    private final OutboxRelay relay;
    private final ProgressNotifier notifier;
    private final BatchService batches;

    public BatchControlService(
            BatchStore store, OutboxStore outbox, OutboxRelay relay, ProgressNotifier notifier, BatchService batches) {
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.notifier = notifier;
        this.batches = batches;
    }

    /**
     * Cancels every open item and tells workers to skip the batch. Cancelling a cancelled batch changes
     * nothing; cancelling a finished one is a conflict.
     */
    public Uni<BatchDetails> cancel(String tenant, UUID id) {
        return store.pool()
                .withTransaction(connection -> store.lockBatch(connection, tenant, id)
                        .onItem()
                        .ifNull()
                        .failWith(() -> new NotFoundException("batch", id))
                        .flatMap(batch -> cancelLocked(connection, batch)))
                .invoke(() -> afterChange(id))
                .flatMap(ignored -> batches.get(tenant, id));
    }

    private Uni<Void> cancelLocked(SqlConnection connection, BatchRow batch) {
        if (BatchStatus.CANCELLED.equals(batch.status())) {
            return Uni.createFrom().voidItem();
        }
        if (!BatchStatus.isOpen(batch.status())) {
            return Uni.createFrom()
                    .failure(new ConflictException("batch " + batch.id() + " is already " + batch.status()));
        }
        String reason = "cancelled by client";
        OutboxRecord control = control(batch.id(), BatchControl.Action.CANCELLED, reason);
        return store.cancelOpenItems(connection, batch.id())
                .invoke(count -> Log.infof("Batch %s cancelled, %d open items cancelled", batch.id(), count))
                .flatMap(ignored -> store.updateStatus(connection, batch.id(), BatchStatus.CANCELLED, reason, true))
                .flatMap(ignored -> outbox.add(connection, List.of(control)));
    }

    /**
     * Re-queues the failed items with their next attempt number and publishes a new request for each. A
     * cancelled batch cannot be retried; a stopped or finished one reopens.
     */
    public Uni<BatchDetails> retryFailed(String tenant, UUID id) {
        return store.pool()
                .withTransaction(connection -> store.lockBatch(connection, tenant, id)
                        .onItem()
                        .ifNull()
                        .failWith(() -> new NotFoundException("batch", id))
                        .flatMap(batch -> retryLocked(connection, batch)))
                .invoke(() -> afterChange(id))
                .flatMap(ignored -> batches.get(tenant, id));
    }

    private Uni<Void> retryLocked(SqlConnection connection, BatchRow batch) {
        if (BatchStatus.CANCELLED.equals(batch.status())) {
            return Uni.createFrom().failure(new ConflictException("batch " + batch.id() + " is cancelled"));
        }
        return store.requeueFailed(connection, batch.id())
                .flatMap(items -> items.isEmpty() ? Uni.createFrom().voidItem() : republish(connection, batch, items));
    }

    private Uni<Void> republish(SqlConnection connection, BatchRow batch, List<RetriedItem> items) {
        List<OutboxRecord> records = new ArrayList<>(items.size() + 1);
        // A stopped batch left a cancelled control record behind; workers must see it lifted first.
        records.add(control(batch.id(), BatchControl.Action.RESUMED, "retrying failed items"));
        for (RetriedItem item : items) {
            GenerationRequested request = new GenerationRequested(
                    GenerationRequested.SCHEMA_VERSION,
                    batch.id(),
                    item.id(),
                    item.attempt(),
                    item.model(),
                    item.persona(),
                    item.topic(),
                    item.emotionalArc(),
                    item.turns(),
                    item.maxTokens(),
                    batch.targetTrainingFileId());
            records.add(OutboxRecord.of(
                    Topics.GENERATION_REQUESTS,
                    item.id().toString(),
                    BatchService.json(request),
                    batch.id(),
                    item.id()));
        }
        Log.infof("Batch %s: retrying %d failed items", batch.id(), items.size());
        return store.reopen(connection, batch.id()).flatMap(ignored -> outbox.add(connection, records));
    }

    private void afterChange(UUID id) {
        notifier.changed(id);
        relay.signal();
    }

    private static OutboxRecord control(UUID batchId, BatchControl.Action action, String reason) {
        BatchControl control = new BatchControl(BatchControl.SCHEMA_VERSION, batchId, action, reason, Instant.now());
        return OutboxRecord.of(Topics.BATCH_CONTROL, batchId.toString(), BatchService.json(control), batchId, null);
    }
}
