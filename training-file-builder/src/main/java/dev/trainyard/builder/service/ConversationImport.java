package dev.trainyard.builder.service;

import dev.trainyard.builder.client.BatchApiClient;
import dev.trainyard.builder.client.StoredConversation;
import dev.trainyard.builder.config.BuilderConfig;
import dev.trainyard.builder.store.TrainingFileRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Adds conversations named by id to a file: a chunk of ids at a time, skip those already in the file, fetch
 * the others from batch-api (a few at once), append the chunk in one transaction. Memory is one chunk, whatever
 * the number of ids. Blocking: runs on a worker thread of a request.
 */
@ApplicationScoped
public class ConversationImport {

    private static final Duration CHUNK_TIMEOUT = Duration.ofMinutes(5);

    private final TrainingFileRepository repository;
    private final BatchApiClient batchApi;
    private final TrainingFileAppender appender;
    private final BuilderConfig config;
    private final ImportProgress progress;

    public ConversationImport(
            TrainingFileRepository repository,
            BatchApiClient batchApi,
            TrainingFileAppender appender,
            BuilderConfig config,
            ImportProgress progress) {
        this.repository = repository;
        this.batchApi = batchApi;
        this.appender = appender;
        this.config = config;
        this.progress = progress;
    }

    /** Adds every id {@code ids} yields; returns the totals. Progress is logged after each chunk. */
    public AppendResult addAll(UUID fileId, ConversationIds ids) {
        try (ImportProgress.Running running = progress.start(fileId)) {
            AppendResult total = AppendResult.NOTHING;
            long seen = 0;
            List<UUID> chunk = ids.next(config.append().chunkSize());
            while (!chunk.isEmpty()) {
                AppendResult added = addChunk(fileId, chunk);
                total = total.plus(added);
                seen += chunk.size();
                running.advanced(chunk.size(), added.appended());
                Log.infof("training file %s: %d id(s) processed, %d appended so far", fileId, seen, total.appended());
                chunk = ids.next(config.append().chunkSize());
            }
            return total;
        }
    }

    private AppendResult addChunk(UUID fileId, List<UUID> chunk) {
        List<UUID> distinct = chunk.stream().distinct().toList();
        return repository
                .existingConversationIds(fileId, distinct)
                .chain(existing -> fetchAndAppend(fileId, distinct, existing))
                .await()
                .atMost(CHUNK_TIMEOUT);
    }

    private Uni<AppendResult> fetchAndAppend(UUID fileId, List<UUID> ids, Set<UUID> existing) {
        List<UUID> missing = ids.stream().filter(id -> !existing.contains(id)).toList();
        AppendResult skipped = new AppendResult(0, existing.size(), 0, 0, 0);
        return Multi.createFrom()
                .iterable(missing)
                .onItem()
                .transformToUni(this::fetch)
                .merge(config.batchApi().concurrency())
                .collect()
                .asList()
                .chain(fetched -> appender.append(fileId, fetched))
                .map(skipped::plus);
    }

    private Uni<IncomingConversation> fetch(UUID id) {
        return batchApi.conversation(id).map(found -> toIncoming(id, found));
    }

    private static IncomingConversation toIncoming(UUID id, Optional<StoredConversation> found) {
        if (found.isEmpty()) {
            return IncomingConversation.unavailable(id, "conversation not found in batch-api");
        }
        StoredConversation stored = found.get();
        if (!stored.hasContent()) {
            return IncomingConversation.unavailable(
                    id, "conversation has no content in batch-api (status " + stored.status() + ")");
        }
        return new IncomingConversation(id, stored.asConversation());
    }
}
