package dev.trainyard.batch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainyard.batch.config.BatchApiConfig;
import dev.trainyard.batch.messaging.OutboxRelay;
import dev.trainyard.batch.rest.CreateBatchRequest;
import dev.trainyard.batch.rest.GenerationParameters;
import dev.trainyard.batch.store.BatchDetails;
import dev.trainyard.batch.store.BatchRow;
import dev.trainyard.batch.store.BatchStore;
import dev.trainyard.batch.store.NewItem;
import dev.trainyard.batch.store.OutboxRecord;
import dev.trainyard.batch.store.OutboxStore;
import dev.trainyard.batch.store.Page;
import dev.trainyard.batch.store.TrainingFileTargets;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Accepts batches and answers questions about them, always within one tenant. */
@ApplicationScoped
public class BatchService {

    private final BatchStore store;
    private final OutboxStore outbox;
    private final BatchRequestValidator validator;
    private final BatchApiConfig config;
    private final OutboxRelay relay;
    private final ItemMetrics metrics;
    private final TrainingFileTargets targets;

    public BatchService(
            BatchStore store,
            OutboxStore outbox,
            BatchRequestValidator validator,
            BatchApiConfig config,
            OutboxRelay relay,
            ItemMetrics metrics,
            TrainingFileTargets targets) {
        this.store = store;
        this.outbox = outbox;
        this.validator = validator;
        this.config = config;
        this.relay = relay;
        this.metrics = metrics;
        this.targets = targets;
    }

    /**
     * Validates the request, then stores the batch, its items and one outbox record per item in a single
     * transaction: when this completes the batch is durably queued, and the relay will publish it.
     */
    public Uni<BatchDetails> submit(String tenant, CreateBatchRequest request, String source) {
        return submit(UUID.randomUUID(), tenant, request, source);
    }

    /**
     * Like {@link #submit(String, CreateBatchRequest, String)} with a chosen batch id; submitting an id that
     * exists changes nothing, which makes re-delivered Kafka submissions harmless.
     */
    public Uni<BatchDetails> submit(UUID id, String tenant, CreateBatchRequest request, String source) {
        validator.check(request);
        GenerationParameters parameters = withDefaults(request.parameters());
        List<NewItem> items = ItemPlanner.plan(
                request.count(), parameters.personas(), parameters.topics(), parameters.emotionalArcs());
        return checkTarget(tenant, request)
                .chain(() -> store(newBatch(id, tenant, request, parameters, source), parameters, items));
    }

    /**
     * Accepts a batch whose items were planned by the caller (one per parameter set of the seed-compatible
     * route); the request is validated like any other and its count must match.
     */
    public Uni<BatchDetails> submitPlanned(
            String tenant, CreateBatchRequest request, List<NewItem> items, String source) {
        validator.check(request);
        GenerationParameters parameters = withDefaults(request.parameters());
        return checkTarget(tenant, request)
                .chain(() ->
                        store(newBatch(UUID.randomUUID(), tenant, request, parameters, source), parameters, items));
    }

    /** A named target file must be one of the tenant's; another tenant's file is reported as not found. */
    private Uni<Void> checkTarget(String tenant, CreateBatchRequest request) {
        UUID fileId = request.targetTrainingFileId();
        if (fileId == null) {
            return Uni.createFrom().voidItem();
        }
        return targets.belongsTo(fileId, tenant)
                .invoke(found -> {
                    if (!found) {
                        throw new InvalidRequestException(
                                "targetTrainingFileId", "no training file " + fileId + " of this tenant");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<BatchDetails> store(BatchRow batch, GenerationParameters parameters, List<NewItem> items) {
        String tenant = batch.tenant();
        List<OutboxRecord> records = requests(batch, parameters, items);

        return store.pool()
                .withTransaction(connection -> store.insertBatch(connection, batch)
                        .flatMap(inserted -> inserted
                                ? insertContent(connection, batch, parameters, items, records)
                                : Uni.createFrom().item(false)))
                .invoke(inserted -> afterSubmit(batch, items.size(), inserted))
                .flatMap(ignored -> get(tenant, batch.id()));
    }

    private Uni<Boolean> insertContent(
            io.vertx.mutiny.sqlclient.SqlConnection connection,
            BatchRow batch,
            GenerationParameters parameters,
            List<NewItem> items,
            List<OutboxRecord> records) {
        return store.insertItems(
                        connection, batch, items, parameters.model(), parameters.turns(), parameters.maxTokens())
                .flatMap(ignored -> outbox.add(connection, records))
                .replaceWith(true);
    }

    private void afterSubmit(BatchRow batch, int items, boolean inserted) {
        if (!inserted) {
            Log.infof("Batch %s was already accepted; the repeated submission changes nothing", batch.id());
            return;
        }
        relay.signal();
        metrics.batchCreated(items);
        Log.infof(
                "Batch %s accepted: %d items for tenant %s from %s", batch.id(), items, batch.tenant(), batch.source());
    }

    /** @throws NotFoundException when the batch does not exist for this tenant */
    public Uni<BatchDetails> get(String tenant, UUID id) {
        return store.findBatch(tenant, id)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("batch", id))
                .flatMap(batch -> store.counts(batch.id()).map(counts -> new BatchDetails(batch, counts)));
    }

    public Uni<Page<BatchDetails>> list(String tenant, String status, int page, int size) {
        return store.listBatches(tenant, status, page, size);
    }

    private GenerationParameters withDefaults(GenerationParameters given) {
        BatchApiConfig.Batch defaults = config.batch();
        return new GenerationParameters(
                List.copyOf(given.personas()),
                List.copyOf(given.topics()),
                given.emotionalArcs() == null ? List.of() : List.copyOf(given.emotionalArcs()),
                given.turns() == null ? defaults.defaultTurns() : given.turns(),
                given.model() == null ? defaults.defaultModel() : given.model(),
                given.maxTokens() == null ? defaults.defaultMaxTokens() : given.maxTokens());
    }

    private static BatchRow newBatch(
            UUID id, String tenant, CreateBatchRequest request, GenerationParameters parameters, String source) {
        return new BatchRow(
                id,
                tenant,
                request.name(),
                BatchStatus.QUEUED,
                request.count(),
                JsonObject.mapFrom(parameters),
                request.targetTrainingFileId(),
                request.errorMode() == null ? "continue" : request.errorMode(),
                request.maxFailureRate(),
                source,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static List<OutboxRecord> requests(BatchRow batch, GenerationParameters parameters, List<NewItem> items) {
        List<OutboxRecord> records = new ArrayList<>(items.size());
        for (NewItem item : items) {
            GenerationRequested event = new GenerationRequested(
                    GenerationRequested.SCHEMA_VERSION,
                    batch.id(),
                    item.id(),
                    1,
                    parameters.model(),
                    item.persona(),
                    item.topic(),
                    item.emotionalArc(),
                    parameters.turns(),
                    parameters.maxTokens(),
                    batch.targetTrainingFileId());
            records.add(OutboxRecord.of(
                    Topics.GENERATION_REQUESTS, item.id().toString(), json(event), batch.id(), item.id()));
        }
        return records;
    }

    static String json(Object event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event records always serialize", e);
        }
    }
}
