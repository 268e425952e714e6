package dev.trainyard.worker.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.BatchControl;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.GenerationFailed;
import dev.trainyard.model.Topics;
import dev.trainyard.worker.service.BatchStates;
import dev.trainyard.worker.service.Outcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes an outcome's event with the key the conventions fix, and completes only when the broker has
 * acknowledged it, so the request record is committed after its event is safe. Each generated or failed
 * event carries its cost in USD in the {@value #COST_HEADER} header (the event records have no cost field).
 */
@ApplicationScoped
public class EventPublisher {

    /** Kafka header with the event's cost in USD, computed from the configured price table. */
    public static final String COST_HEADER = "trainyard-cost-usd";

    private final MutinyEmitter<String> generated;
    private final MutinyEmitter<String> failed;
    private final MutinyEmitter<String> control;
    private final BatchStates batches;
    private final ObjectMapper mapper;

    public EventPublisher(
            @Channel(Topics.CONVERSATIONS_GENERATED) MutinyEmitter<String> generated,
            @Channel(Topics.GENERATION_FAILED) MutinyEmitter<String> failed,
            @Channel(BatchControlConsumer.OUTGOING) MutinyEmitter<String> control,
            BatchStates batches,
            ObjectMapper mapper) {
        this.generated = generated;
        this.failed = failed;
        this.control = control;
        this.batches = batches;
        this.mapper = mapper;
    }

    public Uni<Void> publish(Outcome outcome) {
        if (outcome instanceof Outcome.Generated g) {
            return send(generated, keyOf(g.event()), g.event(), g.costUsd());
        }
        if (outcome instanceof Outcome.Failed f) {
            GenerationFailed event = f.event();
            return send(failed, event.itemId().toString(), event, f.costUsd());
        }
        return pause((Outcome.Paused) outcome);
    }

    /** Conversations for one training file share a key, so one builder appends them in order. */
    private static String keyOf(ConversationGenerated event) {
        return event.targetTrainingFileId() != null
                ? event.targetTrainingFileId().toString()
                : event.itemId().toString();
    }

    /** Announces the pause once per batch; the item itself gets no event and stays for the resume. */
    private Uni<Void> pause(Outcome.Paused paused) {
        if (!batches.pause(paused.batchId())) {
            return Uni.createFrom().voidItem();
        }
        Log.warnf("batch %s paused: %s", paused.batchId(), paused.reason());
        BatchControl event = new BatchControl(
                BatchControl.SCHEMA_VERSION,
                paused.batchId(),
                BatchControl.Action.PAUSED,
                paused.reason(),
                Instant.now());
        Message<String> message = Message.of(json(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(paused.batchId().toString())
                        .build());
        return control.sendMessage(message);
    }

    private Uni<Void> send(MutinyEmitter<String> emitter, String key, Object event, double costUsd) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(COST_HEADER, String.format(Locale.ROOT, "%.6f", costUsd).getBytes(StandardCharsets.UTF_8));
        Message<String> message = Message.of(json(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .withHeaders(headers)
                        .build());
        return emitter.sendMessage(message);
    }

    private String json(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event records always serialise", e);
        }
    }
}
