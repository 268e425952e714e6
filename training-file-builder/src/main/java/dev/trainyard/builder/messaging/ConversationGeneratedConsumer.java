package dev.trainyard.builder.messaging;

import dev.trainyard.builder.service.AppendResult;
import dev.trainyard.builder.service.IncomingConversation;
import dev.trainyard.builder.service.TrainingFileAppender;
import dev.trainyard.builder.service.TrainingFileNotFound;
import dev.trainyard.builder.store.StorageFailure;
import dev.trainyard.builder.store.TrainingFileDamaged;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Appends every generated conversation that names a target training file to that file. Records arrive keyed by
 * file id, so one consumer writes a given file; the append itself is exactly-once, so redeliveries after a
 * crash or a rebalance add nothing. Channel settings (failure strategy, commits, offset reset) are in
 * application.properties.
 */
@ApplicationScoped
public class ConversationGeneratedConsumer {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final TrainingFileAppender appender;

    public ConversationGeneratedConsumer(TrainingFileAppender appender) {
        this.appender = appender;
    }

    @Incoming(Topics.CONVERSATIONS_GENERATED)
    public Uni<Void> onConversation(ConversationGenerated event) {
        if (event == null || event.targetTrainingFileId() == null) {
            return Uni.createFrom().voidItem();
        }
        if (event.itemId() == null) {
            Log.warnf("skipping a conversation for file %s without an item id", event.targetTrainingFileId());
            return Uni.createFrom().voidItem();
        }
        IncomingConversation conversation = new IncomingConversation(event.itemId(), event.conversation());
        return appender.append(event.targetTrainingFileId(), List.of(conversation))
                .onFailure(ConversationGeneratedConsumer::isTransient)
                .invoke(e ->
                        Log.warnf("append of conversation %s failed, retrying: %s", event.itemId(), e.getMessage()))
                .onFailure(ConversationGeneratedConsumer::isTransient)
                .retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF)
                .indefinitely()
                .invoke(result -> logDuplicate(event, result))
                .onFailure(TrainingFileNotFound.class)
                .recoverWithItem(e -> skipUnknownFile(event))
                .onFailure(TrainingFileDamaged.class)
                .recoverWithItem(e -> skipDamagedFile(event, (TrainingFileDamaged) e))
                .replaceWithVoid();
    }

    /**
     * A database failure is retried until the database answers again (the append is exactly-once, so a retry
     * cannot duplicate): the partition waits instead of the channel failing, which after a PostgreSQL restart
     * used to leave the builder consuming nothing until it was restarted. A storage failure is not retried (a
     * failed fsync may have lost pages) and an unknown file never will be found.
     */
    private static boolean isTransient(Throwable e) {
        return !(e instanceof StorageFailure) && !(e instanceof TrainingFileNotFound);
    }

    private static void logDuplicate(ConversationGenerated event, AppendResult result) {
        if (result.duplicates() > 0) {
            Log.debugf("conversation %s is already in file %s", event.itemId(), event.targetTrainingFileId());
        }
    }

    /**
     * A damaged file takes no more lines; the other files go on. The conversation stays available in batch-api
     * (its conversations API), so nothing accepted is lost.
     */
    private static AppendResult skipDamagedFile(ConversationGenerated event, TrainingFileDamaged damage) {
        Log.errorf("conversation %s not appended: %s", event.itemId(), damage.getMessage());
        return AppendResult.NOTHING;
    }

    /** A batch may name a file that was never created; its conversations stay available in batch-api. */
    private static AppendResult skipUnknownFile(ConversationGenerated event) {
        Log.warnf(
                "conversation %s names training file %s, which does not exist: not appended",
                event.itemId(), event.targetTrainingFileId());
        return AppendResult.NOTHING;
    }
}
