package dev.trainyard.batch.rest;

import dev.trainyard.batch.config.BatchApiConfig;
import dev.trainyard.batch.service.BatchService;
import dev.trainyard.batch.service.BatchStatus;
import dev.trainyard.batch.service.ProgressNotifier;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follows one batch for a progress stream: re-reads it on every local change signal and on a timer, emits
 * only views whose status or counts differ from the last one, and completes after a final status.
 */
@ApplicationScoped
public class ProgressStream {

    private final BatchService batches;
    private final ProgressNotifier notifier;
    private final BatchApiConfig config;

    public ProgressStream(BatchService batches, ProgressNotifier notifier, BatchApiConfig config) {
        this.batches = batches;
        this.notifier = notifier;
        this.config = config;
    }

    public Multi<BatchView> follow(String tenant, UUID id) {
        AtomicReference<Object> last = new AtomicReference<>();
        AtomicBoolean finished = new AtomicBoolean();
        Multi<Object> signals = notifier.changes().filter(id::equals).map(changed -> (Object) changed);
        Multi<Object> ticks = Multi.createFrom()
                .ticks()
                .startingAfter(java.time.Duration.ofMillis(1))
                .every(config.batch().progressPollInterval())
                .map(tick -> (Object) tick);
        return Multi.createBy()
                .merging()
                .streams(ticks, signals)
                .onOverflow()
                .drop()
                .onItem()
                .transformToUniAndConcatenate(signal -> batches.get(tenant, id))
                .map(details -> BatchView.of(details, config.pricing(), Instant.now()))
                // Ends at the first read after a final one, so the final view itself is still emitted once.
                .select()
                .first(view -> !finished.getAndSet(!BatchStatus.isOpen(view.status())))
                .select()
                .where(view -> changed(last, view));
    }

    /** Progress differs when status or counts do; throughput and ETA alone are not worth an event. */
    private static boolean changed(AtomicReference<Object> last, BatchView view) {
        Object key = java.util.List.of(view.status(), view.counts(), Objects.toString(view.pauseReason()));
        return !key.equals(last.getAndSet(key));
    }
}
