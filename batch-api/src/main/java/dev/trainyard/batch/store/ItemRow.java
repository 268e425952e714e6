package dev.trainyard.batch.store;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.UUID;

/** An item as stored, including its generated conversation or its failure. */
public record ItemRow(
        UUID id,
        UUID batchId,
        int seq,
        String status,
        int attempt,
        String persona,
        String topic,
        String emotionalArc,
        String model,
        int turns,
        int maxTokens,
        JsonObject conversation,
        String stopReason,
        Long latencyMs,
        long inputTokens,
        long outputTokens,
        String failureReason,
        String failureMessage,
        String rawOutput,
        UUID targetTrainingFileId,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    static ItemRow from(Row row) {
        return new ItemRow(
                row.getUUID("id"),
                row.getUUID("batch_id"),
                row.getInteger("seq"),
                row.getString("status"),
                row.getInteger("attempt"),
                row.getString("persona"),
                row.getString("topic"),
                row.getString("emotional_arc"),
                row.getString("model"),
                row.getInteger("turns"),
                row.getInteger("max_tokens"),
                row.getJsonObject("conversation"),
                row.getString("stop_reason"),
                row.getLong("latency_ms"),
                row.getLong("input_tokens"),
                row.getLong("output_tokens"),
                row.getString("failure_reason"),
                row.getString("failure_message"),
                row.getString("raw_output"),
                row.getUUID("target_training_file_id"),
                BatchRow.instant(row.getOffsetDateTime("created_at")),
                BatchRow.instant(row.getOffsetDateTime("updated_at")),
                BatchRow.instant(row.getOffsetDateTime("finished_at")));
    }
}
