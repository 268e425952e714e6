package dev.trainyard.builder.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of the adds by id running on this instance, shown on the file while a large create or add runs.
 * Held in memory: another instance's imports are not seen, and a restart forgets them (the file's counts
 * still tell what was committed).
 */
@ApplicationScoped
public class ImportProgress {

    private final Map<UUID, Map<UUID, Running>> byFile = new ConcurrentHashMap<>();

    /** One running import as the API shows it. */
    public record Snapshot(UUID importId, long idsProcessed, long appended, Instant startedAt) {}

    /** A handle on one import; close it when the import ends, however it ends. */
    public final class Running implements AutoCloseable {
        private final UUID fileId;
        private final UUID importId = UUID.randomUUID();
        private final Instant startedAt = Instant.now();
        private final AtomicLong processed = new AtomicLong();
        private final AtomicLong appended = new AtomicLong();

        private Running(UUID fileId) {
            this.fileId = fileId;
        }

        void advanced(long ids, long newlyAppended) {
            processed.addAndGet(ids);
            appended.addAndGet(newlyAppended);
        }

        Snapshot snapshot() {
            return new Snapshot(importId, processed.get(), appended.get(), startedAt);
        }

        @Override
        public void close() {
            byFile.computeIfPresent(fileId, (id, running) -> {
                running.remove(importId);
                return running.isEmpty() ? null : running;
            });
        }
    }

    Running start(UUID fileId) {
        Running running = new Running(fileId);
        byFile.computeIfAbsent(fileId, id -> new ConcurrentHashMap<>()).put(running.importId, running);
        return running;
    }

    public List<Snapshot> of(UUID fileId) {
        Map<UUID, Running> running = byFile.get(fileId);
        if (running == null) {
            return List.of();
        }
        return running.values().stream().map(Running::snapshot).toList();
    }
}
