package dev.trainyard.worker.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.BatchControl;
import dev.trainyard.model.Topics;
import dev.trainyard.worker.service.BatchStates;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the batch-control topic from the beginning with a group of its own per worker instance, so every
 * worker knows every cancelled or paused batch. The worker also writes to that topic (pauses), through
 * the channel {@value #OUTGOING}: one application cannot use one channel name both ways.
 */
@ApplicationScoped
public class BatchControlConsumer {

    /** Outgoing channel to the batch-control topic. */
    public static final String OUTGOING = "batch-control-out";

    private final BatchStates batches;
    private final ObjectMapper mapper;

    public BatchControlConsumer(BatchStates batches, ObjectMapper mapper) {
        this.batches = batches;
        this.mapper = mapper;
    }

    @Incoming(Topics.BATCH_CONTROL)
    public void consume(String json) {
        try {
            BatchControl control = mapper.readValue(json, BatchControl.class);
            batches.apply(control);
            Log.infof("batch %s is now %s", control.batchId(), control.action());
        } catch (IOException e) {
            // A control record this worker cannot read must not stop it from reading the next ones.
            Log.warnf(
                    "ignored an unreadable batch-control record: %s",
                    e.getClass().getSimpleName());
        }
    }
}
