package dev.trainyard.batch.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainyard.batch.service.ProgressNotifier;
import dev.trainyard.batch.store.BatchStore;
import dev.trainyard.model.BatchControl;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records on the batch why workers paused it (for example the API budget is spent) and clears the reason when
 * the batch resumes. Cancellations on this topic come from batch-api itself and need nothing here.
 */
@ApplicationScoped
public class BatchControlConsumer {

    private final BatchStore store;
    private final ProgressNotifier notifier;

    public BatchControlConsumer(BatchStore store, ProgressNotifier notifier) {
        this.store = store;
        this.notifier = notifier;
    }

    @Incoming(Topics.BATCH_CONTROL)
    public Uni<Void> consume(String payload) {
        BatchControl control = parse(payload);
        if (control == null || control.batchId() == null || control.action() == BatchControl.Action.CANCELLED) {
            return Uni.createFrom().voidItem();
        }
        String reason = control.action() == BatchControl.Action.PAUSED
                ? (control.reason() == null ? "paused by a worker" : control.reason())
                : null;
        return UntilStored.retry(store.recordPause(control.batchId(), reason), "Recording a pause")
                .invoke(() -> notifier.changed(control.batchId()));
    }

    private static BatchControl parse(String payload) {
        try {
            return EventJson.mapper().readValue(payload, BatchControl.class);
        } catch (JsonProcessingException e) {
            Log.warnf("Skipping an unreadable batch-control record: %s", e.getOriginalMessage());
            return null;
        }
    }
}
