package dev.trainyard.batch.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/**
 * Whether a batch may target a training file: the file must exist and belong to the submitting tenant. Without
 * this check a batch could name another tenant's file and the builder would append to it, or name a file that
 * does not exist and have every conversation left out of the file it asked for. The files are
 * training-file-builder's; batch-api only reads its {@code training_files.files} table, which is in the same
 * database (a separate database user needs SELECT on it).
 */
@ApplicationScoped
public class TrainingFileTargets {

    /** undefined_table, invalid_schema_name: the builder has not created its schema, so no file exists yet. */
    private static final Set<String> NO_FILES_YET = Set.of("42P01", "3F000");

    private final Pool pool;

    public TrainingFileTargets(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> belongsTo(UUID fileId, String tenant) {
        return pool.preparedQuery("SELECT 1 FROM training_files.files WHERE id = $1 AND tenant = $2")
                .execute(Tuple.of(fileId, tenant))
                .map(rows -> rows.size() > 0)
                .onFailure(e -> e instanceof PgException pg && NO_FILES_YET.contains(pg.getSqlState()))
                .recoverWithItem(false);
    }
}
