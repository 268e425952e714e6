package dev.trainyard.batch.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The transactional outbox: records written with the state change they announce, relayed to Kafka later. */
@ApplicationScoped
public class OutboxStore {

    /** Adds records in one statement, inside the caller's transaction. */
    public Uni<Void> add(SqlConnection connection, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = records.size();
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] payloads = new String[size];
        UUID[] batchIds = new UUID[size];
        UUID[] itemIds = new UUID[size];
        String[] traceparents = new String[size];
        String[] tracestates = new String[size];
        for (int i = 0; i < size; i++) {
            OutboxRecord record = records.get(i);
            topics[i] = record.topic();
            keys[i] = record.key();
            payloads[i] = record.payload();
            batchIds[i] = record.batchId();
            itemIds[i] = record.itemId();
            traceparents[i] = record.trace().traceparent();
            tracestates[i] = record.trace().tracestate();
        }
        Tuple params = Tuple.tuple()
                .addArrayOfString(topics)
                .addArrayOfString(keys)
                .addArrayOfString(payloads)
                .addArrayOfUUID(batchIds)
                .addArrayOfUUID(itemIds)
                .addArrayOfString(traceparents)
                .addArrayOfString(tracestates);
        return connection
                .preparedQuery("INSERT INTO batch_api.outbox"
                        + " (topic, record_key, payload, batch_id, item_id, traceparent, tracestate)"
                        + " SELECT topic, record_key, payload, batch_id, item_id, traceparent, tracestate"
                        + " FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[],"
                        + " $7::text[]) WITH ORDINALITY"
                        + " AS u(topic, record_key, payload, batch_id, item_id, traceparent, tracestate, n)"
                        + " ORDER BY n")
                .execute(params)
                .replaceWithVoid();
    }

    /**
     * Claims the oldest unsent rows. SKIP LOCKED lets several replicas relay side by side without sending a
     * row twice in the normal case. Rows of items cancelled meanwhile come back with {@code skip} set.
     */
    public Uni<List<Claimed>> claim(SqlConnection connection, int limit) {
        return connection
                .preparedQuery("SELECT o.id, o.topic, o.record_key, o.payload, o.batch_id, o.item_id,"
                        + " o.traceparent, o.tracestate,"
                        + " coalesce(i.status = 'cancelled', false) AS skip"
                        + " FROM batch_api.outbox o LEFT JOIN batch_api.items i ON i.id = o.item_id"
                        + " WHERE o.sent_at IS NULL ORDER BY o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED")
                .execute(Tuple.of(limit))
                .map(OutboxStore::toClaimed);
    }

    /**
     * Marks rows sent (after the broker acknowledged them) and moves their items to processing and their
     * batches to running. Batches are locked in id order, the same order every writer uses.
     */
    public Uni<Void> markSent(SqlConnection connection, List<Claimed> rows) {
        Long[] ids = rows.stream().map(row -> row.record().id()).toArray(Long[]::new);
        UUID[] itemIds = rows.stream()
                .filter(row -> !row.skip() && row.record().itemId() != null)
                .map(row -> row.record().itemId())
                .toArray(UUID[]::new);
        Set<UUID> batches = new LinkedHashSet<>();
        rows.stream()
                .filter(row -> !row.skip() && row.record().itemId() != null)
                .forEach(row -> batches.add(row.record().batchId()));
        UUID[] batchIds = batches.toArray(UUID[]::new);
        return connection
                .preparedQuery("UPDATE batch_api.outbox SET sent_at = now() WHERE id = ANY($1)")
                .execute(Tuple.tuple().addArrayOfLong(ids))
                .flatMap(ignored -> lockBatches(connection, batchIds))
                .flatMap(ignored -> startItems(connection, itemIds))
                .flatMap(ignored -> startBatches(connection, batchIds));
    }

    private Uni<Void> lockBatches(SqlConnection connection, UUID[] batchIds) {
        return connection
                .preparedQuery("SELECT id FROM batch_api.batches WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(Tuple.tuple().addArrayOfUUID(batchIds))
                .replaceWithVoid();
    }

    private Uni<Void> startItems(SqlConnection connection, UUID[] itemIds) {
        return connection
                .preparedQuery("UPDATE batch_api.items SET status = 'processing', updated_at = now()"
                        + " WHERE id = ANY($1) AND status = 'queued'")
                .execute(Tuple.tuple().addArrayOfUUID(itemIds))
                .replaceWithVoid();
    }

    private Uni<Void> startBatches(SqlConnection connection, UUID[] batchIds) {
        return connection
                .preparedQuery("UPDATE batch_api.batches SET status = 'running', updated_at = now(),"
                        + " started_at = coalesce(started_at, now()) WHERE id = ANY($1) AND status = 'queued'")
                .execute(Tuple.tuple().addArrayOfUUID(batchIds))
                .replaceWithVoid();
    }

    /** Deletes rows sent longer ago than {@code retention}; returns how many. */
    public Uni<Integer> deleteSentBefore(io.vertx.mutiny.sqlclient.Pool pool, java.time.Duration retention) {
        return pool.preparedQuery("DELETE FROM batch_api.outbox WHERE sent_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(RowSet::rowCount);
    }

    /** Counts rows still waiting for the relay; tests and health use it. */
    public Uni<Long> unsent(SqlConnection connection) {
        return connection
                .query("SELECT count(*) AS n FROM batch_api.outbox WHERE sent_at IS NULL")
                .execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private static List<Claimed> toClaimed(RowSet<Row> rows) {
        List<Claimed> claimed = new ArrayList<>(rows.size());
        for (Row row : rows) {
            OutboxRecord record = new OutboxRecord(
                    row.getLong("id"),
                    row.getString("topic"),
                    row.getString("record_key"),
                    row.getString("payload"),
                    row.getUUID("batch_id"),
                    row.getUUID("item_id"),
                    new OutboxTrace(row.getString("traceparent"), row.getString("tracestate")));
            claimed.add(new Claimed(record, row.getBoolean("skip")));
        }
        return claimed;
    }

    /** A claimed row; {@code skip} rows are marked sent without being published. */
    public record Claimed(OutboxRecord record, boolean skip) {}
}
