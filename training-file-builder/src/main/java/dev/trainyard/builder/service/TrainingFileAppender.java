package dev.trainyard.builder.service;

import dev.trainyard.builder.health.StorageHealth;
import dev.trainyard.builder.store.AppendRecord;
import dev.trainyard.builder.store.AppendRecord.RejectedItem;
import dev.trainyard.builder.store.AppendRecord.WrittenItem;
import dev.trainyard.builder.store.FaultPoints;
import dev.trainyard.builder.store.StorageFailure;
import dev.trainyard.builder.store.TrainingFile;
import dev.trainyard.builder.store.TrainingFileDamaged;
import dev.trainyard.builder.store.TrainingFileRepository;
import dev.trainyard.builder.store.TrainingFileStorage;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Appends conversations to a training file, exactly once and crash-safely. In one database transaction: lock
 * the file's row (one writer per file), drop conversations the file already holds, format and validate the
 * rest, write them after the committed length and fsync (on a worker thread), then record the items and the
 * new committed length. A crash before the commit leaves bytes past the committed length; the next append cuts
 * them off and a redelivery writes them again. The cost is that of the added lines, never of the file.
 */
@ApplicationScoped
public class TrainingFileAppender {

    private final TrainingFileRepository repository;
    private final TrainingFileStorage storage;
    private final FaultPoints faults;
    private final TrainingLineWriter lineWriter = new TrainingLineWriter();
    private final StorageHealth health;
    private final Executor blocking;
    private final AppendMetrics metrics;
    private final AppendTracing tracing;

    @Inject
    public TrainingFileAppender(
            TrainingFileRepository repository,
            TrainingFileStorage storage,
            FaultPoints faults,
            StorageHealth health,
            AppendMetrics metrics,
            AppendTracing tracing) {
        this(repository, storage, faults, health, Infrastructure.getDefaultWorkerPool(), metrics, tracing);
    }

    /** For use outside CDI (crash tests run this in a process of their own); its meters are not served. */
    public TrainingFileAppender(
            TrainingFileRepository repository,
            TrainingFileStorage storage,
            FaultPoints faults,
            StorageHealth health,
            Executor blocking) {
        this(repository, storage, faults, health, blocking, AppendMetrics.detached(), AppendTracing.detached());
    }

    private TrainingFileAppender(
            TrainingFileRepository repository,
            TrainingFileStorage storage,
            FaultPoints faults,
            StorageHealth health,
            Executor blocking,
            AppendMetrics metrics,
            AppendTracing tracing) {
        this.repository = repository;
        this.storage = storage;
        this.faults = faults;
        this.health = health;
        this.blocking = blocking;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /**
     * Appends what the file does not hold yet.
     *
     * @throws TrainingFileNotFound (as the failure) when no file has this id
     */
    public Uni<AppendResult> append(UUID fileId, List<IncomingConversation> conversations) {
        if (conversations.isEmpty()) {
            return Uni.createFrom().item(AppendResult.NOTHING);
        }
        if (health.isFailed()) {
            return Uni.createFrom().failure(new StorageFailure("storage failed earlier; restart the builder"));
        }
        List<IncomingConversation> distinct = distinct(conversations);
        return tracing.traced(fileId, distinct.size(), () -> appendMeasured(fileId, distinct));
    }

    private Uni<AppendResult> appendMeasured(UUID fileId, List<IncomingConversation> conversations) {
        long started = System.nanoTime();
        return repository
                .pool()
                .withTransaction(connection -> appendInTransaction(connection, fileId, conversations))
                .onFailure(failure -> failure instanceof StorageFailure && !(failure instanceof TrainingFileDamaged))
                .invoke(health::failed)
                .onItem()
                .invoke(result -> metrics.appended(result, System.nanoTime() - started));
    }

    private Uni<AppendResult> appendInTransaction(
            SqlConnection connection, UUID fileId, List<IncomingConversation> conversations) {
        List<UUID> ids =
                conversations.stream().map(IncomingConversation::conversationId).toList();
        return repository
                .lockForAppend(connection, fileId)
                .onItem()
                .ifNull()
                .failWith(() -> new TrainingFileNotFound(fileId))
                .chain(file -> repository
                        .existingConversationIds(connection, fileId, ids)
                        .chain(existing -> writeOffLoop(file, conversations, existing)))
                .chain(plan -> record(connection, plan));
    }

    private Uni<Plan> writeOffLoop(TrainingFile file, List<IncomingConversation> all, Set<UUID> existing) {
        return Uni.createFrom().item(() -> formatAndWrite(file, all, existing)).runSubscriptionOn(blocking);
    }

    private Uni<AppendResult> record(SqlConnection connection, Plan plan) {
        if (plan.record().written().isEmpty() && plan.record().rejected().isEmpty()) {
            return Uni.createFrom().item(plan.result());
        }
        return repository
                .recordAppend(connection, plan.record())
                .invoke(() -> logAppend(plan))
                .replaceWith(plan.result());
    }

    /** Runs on a worker thread: formatting, validation and file I/O all block or burn CPU. */
    private Plan formatAndWrite(TrainingFile file, List<IncomingConversation> all, Set<UUID> existing) {
        LineFormat format = LineFormat.fromWireName(file.format()).orElseThrow();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<WrittenItem> written = new ArrayList<>();
        List<RejectedItem> rejected = new ArrayList<>();
        long offset = file.committedBytes();
        for (IncomingConversation incoming : all) {
            if (existing.contains(incoming.conversationId())) {
                continue;
            }
            if (incoming.unavailableReason() != null) {
                rejected.add(new RejectedItem(incoming.conversationId(), incoming.unavailableReason()));
                continue;
            }
            FormattedConversation lines = lineWriter.format(format, incoming.conversation());
            if (lines.isRejected()) {
                rejected.add(new RejectedItem(
                        incoming.conversationId(), lines.rejection().get()));
                continue;
            }
            String split = ValidationSplit.of(incoming.conversationId(), file.validationFraction());
            written.add(new WrittenItem(
                    incoming.conversationId(),
                    offset,
                    lines.bytes().length,
                    lines.lineCount(),
                    split,
                    lines.estimatedTokens()));
            bytes.writeBytes(lines.bytes());
            offset += lines.bytes().length;
        }
        long newLength = file.committedBytes();
        if (!written.isEmpty()) {
            newLength = storage.append(file.id(), file.committedBytes(), bytes.toByteArray());
            faults.reach(FaultPoints.BEFORE_COMMIT);
        }
        AppendRecord record = new AppendRecord(file.id(), newLength, written, rejected);
        AppendResult result = new AppendResult(
                written.size(),
                existing.size(),
                rejected.size(),
                record.lineCount(),
                newLength - file.committedBytes());
        return new Plan(file, record, result);
    }

    private static void logAppend(Plan plan) {
        AppendResult result = plan.result();
        Log.infof(
                "training file %s: appended %d conversation(s), %d line(s), %d bytes; %d duplicate(s), %d rejected",
                plan.file().id(),
                result.appended(),
                result.linesWritten(),
                result.bytesWritten(),
                result.duplicates(),
                result.rejected());
        plan.record()
                .rejected()
                .forEach(r -> Log.warnf(
                        "training file %s: conversation %s rejected: %s",
                        plan.file().id(), r.conversationId(), r.reason()));
    }

    /** A conversation sent twice in the same request counts once. */
    private static List<IncomingConversation> distinct(List<IncomingConversation> conversations) {
        Map<UUID, IncomingConversation> byId = new LinkedHashMap<>();
        conversations.forEach(c -> byId.putIfAbsent(c.conversationId(), c));
        return List.copyOf(byId.values());
    }

    private record Plan(TrainingFile file, AppendRecord record, AppendResult result) {}
}
