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
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the workers' outcome events. A record that does not parse is logged and skipped (it can never
 * succeed); a database error is retried until the database answers ({@link UntilStored}), never skipped: the
 * offset is not committed before the update is stored.
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
        return UntilStored.retry(update, "Applying a worker event").replaceWithVoid();
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
