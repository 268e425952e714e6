package dev.trainyard.batch.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Tells in-process listeners (the SSE stream) that a batch changed. Only a hint: listeners re-read the batch,
 * so a missed or merged signal costs nothing but a little latency. Other replicas do not see these signals;
 * their streams also poll on a timer.
 */
@ApplicationScoped
public class ProgressNotifier {

    private final BroadcastProcessor<UUID> changes = BroadcastProcessor.create();

    public void changed(UUID batchId) {
        changes.onNext(batchId);
    }

    public Multi<UUID> changes() {
        return changes;
    }
}
