package dev.trainyard.batch.store;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A batch as stored; parameters stay JSON because they are only echoed back. */
public record BatchRow(
        UUID id,
        String tenant,
        String name,
        String status,
        int requested,
        JsonObject parameters,
        UUID targetTrainingFileId,
        String errorMode,
        Double maxFailureRate,
        String source,
        String statusReason,
        String pauseReason,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt) {

    static final String COLUMNS = "id, tenant, name, status, requested, parameters, target_training_file_id,"
            + " error_mode, max_failure_rate, source, status_reason, pause_reason, created_at, updated_at,"
            + " started_at, finished_at";

    static BatchRow from(Row row) {
        return new BatchRow(
                row.getUUID("id"),
                row.getString("tenant"),
                row.getString("name"),
                row.getString("status"),
                row.getInteger("requested"),
                row.getJsonObject("parameters"),
                row.getUUID("target_training_file_id"),
                row.getString("error_mode"),
                row.getDouble("max_failure_rate"),
                row.getString("source"),
                row.getString("status_reason"),
                row.getString("pause_reason"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")),
                instant(row.getOffsetDateTime("started_at")),
                instant(row.getOffsetDateTime("finished_at")));
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
