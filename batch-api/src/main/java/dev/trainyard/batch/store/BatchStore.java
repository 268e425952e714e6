package dev.trainyard.batch.store;

import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.GenerationFailed;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** SQL for batches and their items. Methods taking a connection run inside the caller's transaction. */
@ApplicationScoped
public class BatchStore {

    /** Item statuses an event may still move; completed, failed and cancelled items stay put. */
    private static final String OPEN = "('queued', 'processing')";

    private final Pool pool;

    public BatchStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** @return false when a batch with this id already exists (a re-delivered Kafka submission) */
    public Uni<Boolean> insertBatch(SqlConnection connection, BatchRow batch) {
        return connection
                .preparedQuery("INSERT INTO batch_api.batches (id, tenant, name, status, requested, parameters,"
                        + " target_training_file_id, error_mode, max_failure_rate, source, created_at, updated_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), now())"
                        + " ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(Arrays.asList(
                        batch.id(),
                        batch.tenant(),
                        batch.name(),
                        batch.status(),
                        batch.requested(),
                        batch.parameters(),
                        batch.targetTrainingFileId(),
                        batch.errorMode(),
                        batch.maxFailureRate(),
                        batch.source())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Inserts all items in one statement: a 10,000-item batch is one round trip, not 10,000. */
    public Uni<Void> insertItems(
            SqlConnection connection, BatchRow batch, List<NewItem> items, String model, int turns, int maxTokens) {
        int size = items.size();
        UUID[] ids = new UUID[size];
        Integer[] seqs = new Integer[size];
        String[] personas = new String[size];
        String[] topics = new String[size];
        String[] arcs = new String[size];
        for (int i = 0; i < size; i++) {
            NewItem item = items.get(i);
            ids[i] = item.id();
            seqs[i] = item.seq();
            personas[i] = item.persona();
            topics[i] = item.topic();
            arcs[i] = item.emotionalArc();
        }
        Tuple params = Tuple.tuple()
                .addArrayOfUUID(ids)
                .addArrayOfInteger(seqs)
                .addArrayOfString(personas)
                .addArrayOfString(topics)
                .addArrayOfString(arcs)
                .addUUID(batch.id())
                .addString(batch.tenant())
                .addString(model)
                .addInteger(turns)
                .addInteger(maxTokens);
        return connection
                .preparedQuery("INSERT INTO batch_api.items (id, seq, persona, topic, emotional_arc, batch_id,"
                        + " tenant, status, model, turns, max_tokens, created_at, updated_at)"
                        + " SELECT u.id, u.seq, u.persona, u.topic, u.arc, $6, $7, 'queued', $8, $9, $10, now(), now()"
                        + " FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[])"
                        + " AS u(id, seq, persona, topic, arc)")
                .execute(params)
                .replaceWithVoid();
    }

    /** Batches of a tenant, newest first, optionally of one status, each with its counts. */
    public Uni<Page<BatchDetails>> listBatches(String tenant, String status, int page, int size) {
        Uni<List<BatchDetails>> rows = pool.preparedQuery("SELECT b.*, c.* FROM batch_api.batches b"
                        + " LEFT JOIN LATERAL (SELECT"
                        + " count(*) FILTER (WHERE status = 'queued') AS queued,"
                        + " count(*) FILTER (WHERE status = 'processing') AS processing,"
                        + " count(*) FILTER (WHERE status = 'completed') AS completed,"
                        + " count(*) FILTER (WHERE status = 'failed') AS failed,"
                        + " count(*) FILTER (WHERE status = 'cancelled') AS cancelled,"
                        + " coalesce(sum(input_tokens), 0) AS input, coalesce(sum(output_tokens), 0) AS output"
                        + " FROM batch_api.items WHERE batch_id = b.id) c ON true"
                        + " WHERE b.tenant = $1 AND ($2::text IS NULL OR b.status = $2)"
                        + " ORDER BY b.created_at DESC, b.id LIMIT $3 OFFSET $4")
                .execute(Tuple.from(Arrays.asList(tenant, status, size, page * size)))
                .map(BatchStore::toDetails);
        Uni<Long> total = pool.preparedQuery("SELECT count(*) AS n FROM batch_api.batches"
                        + " WHERE tenant = $1 AND ($2::text IS NULL OR status = $2)")
                .execute(Tuple.from(Arrays.asList(tenant, status)))
                .map(result -> result.iterator().next().getLong("n"));
        return Uni.combine()
                .all()
                .unis(rows, total)
                .asTuple()
                .map(both -> new Page<>(both.getItem1(), page, size, both.getItem2()));
    }

    private static List<BatchDetails> toDetails(RowSet<Row> rows) {
        List<BatchDetails> details = new java.util.ArrayList<>(rows.size());
        for (Row row : rows) {
            BatchCounts counts = new BatchCounts(
                    row.getLong("queued"),
                    row.getLong("processing"),
                    row.getLong("completed"),
                    row.getLong("failed"),
                    row.getLong("cancelled"),
                    row.getLong("input"),
                    row.getLong("output"));
            details.add(new BatchDetails(BatchRow.from(row), counts));
        }
        return details;
    }

    public Uni<BatchRow> findBatch(String tenant, UUID id) {
        return pool.preparedQuery(
                        "SELECT " + BatchRow.COLUMNS + " FROM batch_api.batches WHERE id = $1 AND tenant = $2")
                .execute(Tuple.of(id, tenant))
                .map(BatchStore::firstBatch);
    }

    /** Locks the batch row so concurrent events of one batch decide its status one at a time. */
    public Uni<BatchRow> lockBatch(SqlConnection connection, UUID id) {
        return connection
                .preparedQuery("SELECT " + BatchRow.COLUMNS + " FROM batch_api.batches WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(BatchStore::firstBatch);
    }

    public Uni<BatchCounts> counts(SqlClient client, UUID batchId) {
        return client.preparedQuery("SELECT status, count(*) AS n, coalesce(sum(input_tokens), 0) AS input,"
                        + " coalesce(sum(output_tokens), 0) AS output"
                        + " FROM batch_api.items WHERE batch_id = $1 GROUP BY status")
                .execute(Tuple.of(batchId))
                .map(BatchStore::toCounts);
    }

    public Uni<BatchCounts> counts(UUID batchId) {
        return counts(pool, batchId);
    }

    /** Whether any item of the batch is still queued or processing (an index lookup, not a count). */
    public Uni<Boolean> hasOpenItems(SqlConnection connection, UUID batchId) {
        return connection
                .preparedQuery("SELECT EXISTS (SELECT 1 FROM batch_api.items WHERE batch_id = $1 AND status IN " + OPEN
                        + ") AS open")
                .execute(Tuple.of(batchId))
                .map(rows -> rows.iterator().next().getBoolean("open"));
    }

    /** Stores the conversation if the item is still open; false for a duplicate, late or cancelled item. */
    public Uni<Boolean> completeItem(SqlConnection connection, ConversationGenerated event, JsonObject conversation) {
        long input = event.usage() == null ? 0 : event.usage().inputTokens();
        long output = event.usage() == null ? 0 : event.usage().outputTokens();
        Tuple params = Tuple.tuple()
                .addUUID(event.itemId())
                .addUUID(event.batchId())
                .addValue(conversation)
                .addString(event.stopReason())
                .addLong(event.latencyMs())
                .addLong(input)
                .addLong(output)
                .addString(event.model())
                .addInteger(event.attempt());
        return connection
                .preparedQuery("UPDATE batch_api.items SET status = 'completed', conversation = $3,"
                        + " stop_reason = $4, latency_ms = $5, input_tokens = $6, output_tokens = $7,"
                        + " model = coalesce($8, model), attempt = greatest(attempt, $9),"
                        + " failure_reason = NULL, failure_message = NULL, raw_output = NULL,"
                        + " finished_at = now(), updated_at = now()"
                        + " WHERE id = $1 AND batch_id = $2 AND status IN " + OPEN)
                .execute(params)
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Records a failure if the item is still open and the event belongs to its current attempt, so a late
     * failure of an earlier attempt cannot fail a retry in flight.
     */
    public Uni<Boolean> failItem(SqlConnection connection, GenerationFailed event) {
        long input = event.usage() == null ? 0 : event.usage().inputTokens();
        long output = event.usage() == null ? 0 : event.usage().outputTokens();
        Tuple params = Tuple.tuple()
                .addUUID(event.itemId())
                .addUUID(event.batchId())
                .addString(event.reason() == null ? "unknown" : event.reason().code())
                .addString(event.message())
                .addString(event.rawOutput())
                .addLong(input)
                .addLong(output)
                .addInteger(event.attempt());
        return connection
                .preparedQuery("UPDATE batch_api.items SET status = 'failed', failure_reason = $3,"
                        + " failure_message = $4, raw_output = $5, input_tokens = $6, output_tokens = $7,"
                        + " finished_at = now(), updated_at = now()"
                        + " WHERE id = $1 AND batch_id = $2 AND status IN " + OPEN + " AND attempt <= $8")
                .execute(params)
                .map(rows -> rows.rowCount() == 1);
    }

    /** Moves a batch to a new status; {@code finished} also stamps its end time. */
    public Uni<Void> updateStatus(SqlConnection connection, UUID id, String status, String reason, boolean finished) {
        return connection
                .preparedQuery("UPDATE batch_api.batches SET status = $2, status_reason = coalesce($3, status_reason),"
                        + " updated_at = now(), finished_at = CASE WHEN $4 THEN now() ELSE NULL END"
                        + " WHERE id = $1")
                .execute(Tuple.of(id, status, reason, finished))
                .replaceWithVoid();
    }

    public Uni<Void> touch(SqlConnection connection, UUID id) {
        return connection
                .preparedQuery("UPDATE batch_api.batches SET updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /** Cancels every item that has not finished; returns how many. */
    public Uni<Integer> cancelOpenItems(SqlConnection connection, UUID batchId) {
        return connection
                .preparedQuery(
                        "UPDATE batch_api.items SET status = 'cancelled', finished_at = now(), updated_at = now()"
                                + " WHERE batch_id = $1 AND status IN " + OPEN)
                .execute(Tuple.of(batchId))
                .map(RowSet::rowCount);
    }

    /** Locks a batch of this tenant; null when the tenant has no such batch. */
    public Uni<BatchRow> lockBatch(SqlConnection connection, String tenant, UUID id) {
        return connection
                .preparedQuery("SELECT " + BatchRow.COLUMNS
                        + " FROM batch_api.batches WHERE id = $1 AND tenant = $2 FOR UPDATE")
                .execute(Tuple.of(id, tenant))
                .map(BatchStore::firstBatch);
    }

    /** Puts failed items back in the queue with the next attempt number; returns what to re-publish. */
    public Uni<List<RetriedItem>> requeueFailed(SqlConnection connection, UUID batchId) {
        return connection
                .preparedQuery("UPDATE batch_api.items SET status = 'queued', attempt = attempt + 1,"
                        + " failure_reason = NULL, failure_message = NULL, raw_output = NULL, finished_at = NULL,"
                        + " updated_at = now() WHERE batch_id = $1 AND status = 'failed'"
                        + " RETURNING id, attempt, persona, topic, emotional_arc, model, turns, max_tokens")
                .execute(Tuple.of(batchId))
                .map(BatchStore::toRetried);
    }

    /** Reopens a finished batch for a retry. */
    public Uni<Void> reopen(SqlConnection connection, UUID id) {
        return connection
                .preparedQuery("UPDATE batch_api.batches SET status = 'running', status_reason = NULL,"
                        + " finished_at = NULL, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id))
                .replaceWithVoid();
    }

    public Uni<Void> recordPause(UUID id, String reason) {
        return pool.preparedQuery("UPDATE batch_api.batches SET pause_reason = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, reason))
                .replaceWithVoid();
    }

    private static List<RetriedItem> toRetried(RowSet<Row> rows) {
        List<RetriedItem> items = new java.util.ArrayList<>(rows.size());
        for (Row row : rows) {
            items.add(new RetriedItem(
                    row.getUUID("id"),
                    row.getInteger("attempt"),
                    row.getString("persona"),
                    row.getString("topic"),
                    row.getString("emotional_arc"),
                    row.getString("model"),
                    row.getInteger("turns"),
                    row.getInteger("max_tokens")));
        }
        return items;
    }

    /** An item re-queued by retry-failed, with what its new request needs. */
    public record RetriedItem(
            UUID id,
            int attempt,
            String persona,
            String topic,
            String emotionalArc,
            String model,
            int turns,
            int maxTokens) {}

    private static BatchRow firstBatch(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? BatchRow.from(iterator.next()) : null;
    }

    private static BatchCounts toCounts(RowSet<Row> rows) {
        BatchCounts counts = BatchCounts.NONE;
        for (Row row : rows) {
            counts =
                    counts.plus(row.getString("status"), row.getLong("n"), row.getLong("input"), row.getLong("output"));
        }
        return counts;
    }
}
