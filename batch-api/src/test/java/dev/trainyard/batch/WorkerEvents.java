package dev.trainyard.batch;

import dev.trainyard.model.Conversation;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.FailureReason;
import dev.trainyard.model.GenerationFailed;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.TokenUsage;
import dev.trainyard.model.Topics;
import dev.trainyard.model.Turn;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Plays the generation worker: answers requests with the events a real worker would publish. */
final class WorkerEvents {

    private WorkerEvents() {}

    static ConversationGenerated generated(GenerationRequested request) {
        Conversation conversation = new Conversation(
                "You are a " + request.persona() + ".",
                List.of(Turn.user("About " + request.topic() + "?"), Turn.assistant("Let us talk about it.")));
        return new ConversationGenerated(
                ConversationGenerated.SCHEMA_VERSION,
                request.batchId(),
                request.itemId(),
                request.attempt(),
                request.targetTrainingFileId(),
                request.persona(),
                request.topic(),
                request.emotionalArc(),
                conversation,
                request.model(),
                new TokenUsage(100, 400, 0, 0),
                "end_turn",
                850,
                Instant.now());
    }

    static GenerationFailed failed(GenerationRequested request, FailureReason reason) {
        return new GenerationFailed(
                GenerationFailed.SCHEMA_VERSION,
                request.batchId(),
                request.itemId(),
                request.attempt(),
                reason,
                "the model output was not a conversation",
                "Sorry, I cannot",
                new TokenUsage(90, 10, 0, 0),
                Instant.now());
    }

    static void publish(KafkaCompanion companion, ConversationGenerated event) {
        companion
                .produceStrings()
                .fromRecords(new ProducerRecord<>(
                        Topics.CONVERSATIONS_GENERATED, event.itemId().toString(), TestApi.json(event)))
                .awaitCompletion();
    }

    /** Publishes to one chosen partition, so a later record on it is known to be read after this one. */
    static void publishTo(KafkaCompanion companion, int partition, ConversationGenerated event) {
        companion
                .produceStrings()
                .fromRecords(new ProducerRecord<>(
                        Topics.CONVERSATIONS_GENERATED,
                        partition,
                        event.itemId().toString(),
                        TestApi.json(event)))
                .awaitCompletion();
    }

    static void publishTo(KafkaCompanion companion, int partition, GenerationFailed event) {
        companion
                .produceStrings()
                .fromRecords(new ProducerRecord<>(
                        Topics.GENERATION_FAILED, partition, event.itemId().toString(), TestApi.json(event)))
                .awaitCompletion();
    }

    static void publish(KafkaCompanion companion, GenerationFailed event) {
        companion
                .produceStrings()
                .fromRecords(new ProducerRecord<>(
                        Topics.GENERATION_FAILED, event.itemId().toString(), TestApi.json(event)))
                .awaitCompletion();
    }
}
