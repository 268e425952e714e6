package dev.trainyard.worker.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.GenerationFailed;
import dev.trainyard.model.Topics;
import dev.trainyard.worker.service.Outcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes an outcome's event with the key the conventions fix, and completes only when the broker has
 * acknowledged it, so the request record is committed after its event is safe.
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<String> generated;
    private final MutinyEmitter<String> failed;
    private final ObjectMapper mapper;

    public EventPublisher(
            @Channel(Topics.CONVERSATIONS_GENERATED) MutinyEmitter<String> generated,
            @Channel(Topics.GENERATION_FAILED) MutinyEmitter<String> failed,
            ObjectMapper mapper) {
        this.generated = generated;
        this.failed = failed;
        this.mapper = mapper;
    }

    public Uni<Void> publish(Outcome outcome) {
        if (outcome instanceof Outcome.Generated g) {
            return send(generated, keyOf(g.event()), g.event());
        }
        GenerationFailed event = ((Outcome.Failed) outcome).event();
        return send(failed, event.itemId().toString(), event);
    }

    /** Conversations for one training file share a key, so one builder appends them in order. */
    private static String keyOf(ConversationGenerated event) {
        return event.targetTrainingFileId() != null
                ? event.targetTrainingFileId().toString()
                : event.itemId().toString();
    }

    private Uni<Void> send(MutinyEmitter<String> emitter, String key, Object event) {
        Message<String> message = Message.of(json(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
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
