package dev.trainyard.builder.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Rows of schema {@code training_files}, through the reactive PostgreSQL client. */
@ApplicationScoped
public class TrainingFileRepository {

    private static final String COLUMNS = "id, tenant, name, description, format, validation_fraction, "
            + "committed_bytes, line_count, conversation_count, validation_line_count, "
            + "validation_conversation_count, estimated_tokens, rejected_count, created_at, last_append_at";

    private final Pool pool;

    public TrainingFileRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<TrainingFile> insert(
            UUID id, String tenant, String name, String description, String format, double validationFraction) {
        return pool.preparedQuery("INSERT INTO training_files.files (id, tenant, name, description, format, "
                        + "validation_fraction) VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, tenant, name, description, format, validationFraction)))
                .map(TrainingFileRepository::single);
    }

    /** The tenant's file, or null when it does not exist or belongs to another tenant. */
    public Uni<TrainingFile> findForTenant(UUID id, String tenant) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM training_files.files WHERE id = $1 AND tenant = $2")
                .execute(Tuple.of(id, tenant))
                .map(TrainingFileRepository::single);
    }

    /** One page of the tenant's files, newest first. */
    public Uni<List<TrainingFile>> list(String tenant, int limit, long offset) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM training_files.files WHERE tenant = $1"
                        + " ORDER BY created_at DESC, id LIMIT $2 OFFSET $3")
                .execute(Tuple.of(tenant, limit, offset))
                .map(TrainingFileRepository::all);
    }

    /** Locks the file's row for the rest of the transaction: one writer per file, across every instance. */
    public Uni<TrainingFile> lockForAppend(SqlConnection connection, UUID id) {
        return connection
                .preparedQuery("SELECT " + COLUMNS + " FROM training_files.files WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(TrainingFileRepository::single);
    }

    /** Which of {@code ids} the file already holds, outside any transaction (a hint to skip work). */
    public Uni<Set<UUID>> existingConversationIds(UUID fileId, List<UUID> ids) {
        return pool.withConnection(connection -> existingConversationIds(connection, fileId, ids));
    }

    /** Which of {@code ids} the file already holds. */
    public Uni<Set<UUID>> existingConversationIds(SqlConnection connection, UUID fileId, List<UUID> ids) {
        return connection
                .preparedQuery("SELECT conversation_id FROM training_files.file_items "
                        + "WHERE file_id = $1 AND conversation_id = ANY($2)")
                .execute(Tuple.of(fileId, ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> found = new HashSet<>();
                    rows.forEach(row -> found.add(row.getUUID(0)));
                    return found;
                });
    }

    /** Records the written items, the rejections and the new committed length, in the caller's transaction. */
    public Uni<Void> recordAppend(SqlConnection connection, AppendRecord append) {
        return insertItems(connection, append)
                .chain(() -> insertRejections(connection, append))
                .chain(rejected -> updateFile(connection, append, rejected));
    }

    private static Uni<Void> insertItems(SqlConnection connection, AppendRecord append) {
        if (append.written().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<AppendRecord.WrittenItem> items = append.written();
        return connection
                .preparedQuery("INSERT INTO training_files.file_items "
                        + "(file_id, conversation_id, byte_offset, byte_length, line_count, split) "
                        + "SELECT $1, * FROM unnest($2::uuid[], $3::bigint[], $4::bigint[], $5::int[], $6::text[])")
                .execute(Tuple.from(List.of(
                        append.fileId(),
                        items.stream()
                                .map(AppendRecord.WrittenItem::conversationId)
                                .toArray(UUID[]::new),
                        items.stream().map(AppendRecord.WrittenItem::offset).toArray(Long[]::new),
                        items.stream().map(AppendRecord.WrittenItem::length).toArray(Long[]::new),
                        items.stream().map(AppendRecord.WrittenItem::lineCount).toArray(Integer[]::new),
                        items.stream().map(AppendRecord.WrittenItem::split).toArray(String[]::new))))
                .replaceWithVoid();
    }

    private static Uni<Integer> insertRejections(SqlConnection connection, AppendRecord append) {
        if (append.rejected().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<AppendRecord.RejectedItem> items = append.rejected();
        return connection
                .preparedQuery("INSERT INTO training_files.rejected_conversations (file_id, conversation_id, reason) "
                        + "SELECT $1, * FROM unnest($2::uuid[], $3::text[]) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(
                        append.fileId(),
                        items.stream()
                                .map(AppendRecord.RejectedItem::conversationId)
                                .toArray(UUID[]::new),
                        items.stream().map(AppendRecord.RejectedItem::reason).toArray(String[]::new)))
                .map(RowSet::rowCount);
    }

    private static Uni<Void> updateFile(SqlConnection connection, AppendRecord append, int newlyRejected) {
        return connection
                .preparedQuery("UPDATE training_files.files SET committed_bytes = $2, line_count = line_count + $3, "
                        + "conversation_count = conversation_count + $4, "
                        + "validation_line_count = validation_line_count + $5, "
                        + "validation_conversation_count = validation_conversation_count + $6, "
                        + "estimated_tokens = estimated_tokens + $7, rejected_count = rejected_count + $8, "
                        + "last_append_at = CASE WHEN $4 > 0 THEN now() ELSE last_append_at END WHERE id = $1")
                .execute(Tuple.from(List.of(
                        append.fileId(),
                        append.newCommittedBytes(),
                        append.lineCount(),
                        (long) append.written().size(),
                        append.validationLineCount(),
                        append.validationConversationCount(),
                        append.tokens(),
                        (long) newlyRejected)))
                .replaceWithVoid();
    }

    /** Up to {@code limit} ranges of one split, in file order, starting after byte {@code afterOffset}. */
    public Uni<List<ItemRange>> rangesOfSplit(UUID fileId, String split, long afterOffset, long endOffset, int limit) {
        return pool.preparedQuery("SELECT byte_offset, byte_length, line_count FROM training_files.file_items "
                        + "WHERE file_id = $1 AND split = $2 AND byte_offset > $3 AND byte_offset < $4 "
                        + "ORDER BY byte_offset LIMIT $5")
                .execute(Tuple.of(fileId, split, afterOffset, endOffset, limit))
                .map(rows -> {
                    List<ItemRange> ranges = new ArrayList<>();
                    rows.forEach(row -> ranges.add(new ItemRange(row.getLong(0), row.getLong(1), row.getInteger(2))));
                    return ranges;
                });
    }

    public Uni<List<RejectedConversation>> rejections(UUID fileId, int limit) {
        return pool.preparedQuery(
                        "SELECT conversation_id, reason, rejected_at FROM training_files.rejected_conversations "
                                + "WHERE file_id = $1 ORDER BY rejected_at, conversation_id LIMIT $2")
                .execute(Tuple.of(fileId, limit))
                .map(rows -> {
                    List<RejectedConversation> found = new ArrayList<>();
                    rows.forEach(row -> found.add(new RejectedConversation(
                            row.getUUID(0), row.getString(1), instant(row.getOffsetDateTime(2)))));
                    return found;
                });
    }

    private static TrainingFile single(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? toFile(iterator.next()) : null;
    }

    private static List<TrainingFile> all(RowSet<Row> rows) {
        List<TrainingFile> files = new ArrayList<>();
        rows.forEach(row -> files.add(toFile(row)));
        return files;
    }

    private static TrainingFile toFile(Row row) {
        return new TrainingFile(
                row.getUUID("id"),
                row.getString("tenant"),
                row.getString("name"),
                row.getString("description"),
                row.getString("format"),
                row.getDouble("validation_fraction"),
                row.getLong("committed_bytes"),
                row.getLong("line_count"),
                row.getLong("conversation_count"),
                row.getLong("validation_line_count"),
                row.getLong("validation_conversation_count"),
                row.getLong("estimated_tokens"),
                row.getLong("rejected_count"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("last_append_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
