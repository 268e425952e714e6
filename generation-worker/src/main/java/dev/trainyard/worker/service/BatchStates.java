package dev.trainyard.worker.service;

import dev.trainyard.model.BatchControl;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest control action of each batch this worker has seen on the batch-control topic (and its own
 * pauses). Items of cancelled or paused batches are skipped.
 */
@ApplicationScoped
public class BatchStates {

    private final Map<UUID, BatchControl.Action> latest = new ConcurrentHashMap<>();

    public void apply(BatchControl control) {
        if (control.batchId() != null && control.action() != null) {
            latest.put(control.batchId(), control.action());
        }
    }

    /** Marks the batch paused; true when it was not paused already (so the pause is announced once). */
    public boolean pause(UUID batchId) {
        return latest.put(batchId, BatchControl.Action.PAUSED) != BatchControl.Action.PAUSED;
    }

    public boolean halted(UUID batchId) {
        BatchControl.Action action = latest.get(batchId);
        return action == BatchControl.Action.CANCELLED || action == BatchControl.Action.PAUSED;
    }
}
