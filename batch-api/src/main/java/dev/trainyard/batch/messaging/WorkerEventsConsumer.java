package dev.trainyard.batch.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainyard.batch.service.ItemEventHandler;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.EventJson;
import dev.trainyard.model.GenerationFailed;
import dev.trainyard.model.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the workers' outcome events. A record that does not parse is logged and skipped (it can never
 * succeed); a database error is retried with back-off and, if it persists, fails the channel rather than
 * silently losing the update (the offset is not committed, so a restart re-reads it).
 */
@ApplicationScoped
public class WorkerEventsConsumer {

    private final ItemEventHandler handler;

    public WorkerEventsConsumer(ItemEventHandler handler) {
        this.handler = handler;
    }

    @Incoming(Topics.CONVERSATIONS_GENERATED)
    public Uni<Void> onGenerated(String payload) {
        ConversationGenerated event = parse(payload, ConversationGenerated.class);
        if (event == null || event.itemId() == null || event.batchId() == null) {
            return Uni.createFrom().voidItem();
        }
        return withRetry(handler.onGenerated(event));
    }

    @Incoming(Topics.GENERATION_FAILED)
    public Uni<Void> onFailed(String payload) {
        GenerationFailed event = parse(payload, GenerationFailed.class);
        if (event == null || event.itemId() == null || event.batchId() == null) {
            return Uni.createFrom().voidItem();
        }
        return withRetry(handler.onFailed(event));
    }

    private static Uni<Void> withRetry(Uni<Boolean> update) {
        return update.onFailure()
                .invoke(failure -> Log.warnf("Applying a worker event failed, retrying: %s", failure.toString()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .atMost(10)
                .replaceWithVoid();
    }

    private static <T> T parse(String payload, Class<T> type) {
        try {
            return EventJson.mapper().readValue(payload, type);
        } catch (JsonProcessingException e) {
            Log.warnf("Skipping an unreadable %s record: %s", type.getSimpleName(), e.getOriginalMessage());
            return null;
        }
    }
}
