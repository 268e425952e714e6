package dev.trainyard.batch.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads items (and the conversations stored on them) within one tenant. */
@ApplicationScoped
public class ItemStore {

    private static final String COLUMNS = "i.id, i.batch_id, i.seq, i.status, i.attempt, i.persona, i.topic,"
            + " i.emotional_arc, i.model, i.turns, i.max_tokens, i.conversation, i.stop_reason, i.latency_ms,"
            + " i.input_tokens, i.output_tokens, i.failure_reason, i.failure_message, i.raw_output,"
            + " b.target_training_file_id, i.created_at, i.updated_at, i.finished_at";

    private static final String FROM = " FROM batch_api.items i JOIN batch_api.batches b ON b.id = i.batch_id";

    // Each filter is "column = $n OR $n IS NULL", so one prepared statement serves every combination.
    private static final String WHERE = " WHERE i.tenant = $1 AND ($2::uuid IS NULL OR i.batch_id = $2)"
            + " AND ($3::text IS NULL OR i.status = $3) AND ($4::text IS NULL OR i.persona = $4)"
            + " AND ($5::text IS NULL OR i.topic = $5)";

    private final Pool pool;

    public ItemStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<ItemRow> find(String tenant, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE i.id = $1 AND i.tenant = $2")
                .execute(Tuple.of(id, tenant))
                .map(rows ->
                        rows.iterator().hasNext() ? ItemRow.from(rows.iterator().next()) : null);
    }

    /** Items in batch order when filtered by batch, else most recently changed first. */
    public Uni<Page<ItemRow>> list(String tenant, ItemFilter filter, int page, int size) {
        Tuple params = filterParams(tenant, filter);
        String order = filter.batchId() != null ? " ORDER BY i.seq" : " ORDER BY i.updated_at DESC, i.id";
        Tuple pageParams = filterParams(tenant, filter).addInteger(size).addInteger(page * size);
        Uni<List<ItemRow>> rows = pool.preparedQuery("SELECT " + COLUMNS + FROM + WHERE + order + " LIMIT $6 OFFSET $7")
                .execute(pageParams)
                .map(ItemStore::toItems);
        Uni<Long> total = pool.preparedQuery("SELECT count(*) AS n FROM batch_api.items i" + WHERE)
                .execute(params)
                .map(result -> result.iterator().next().getLong("n"));
        return Uni.combine()
                .all()
                .unis(rows, total)
                .asTuple()
                .map(both -> new Page<>(both.getItem1(), page, size, both.getItem2()));
    }

    private static Tuple filterParams(String tenant, ItemFilter filter) {
        return Tuple.from(Arrays.asList(tenant, filter.batchId(), filter.status(), filter.persona(), filter.topic()));
    }

    private static List<ItemRow> toItems(RowSet<Row> rows) {
        List<ItemRow> items = new ArrayList<>(rows.size());
        for (Row row : rows) {
            items.add(ItemRow.from(row));
        }
        return items;
    }
}
