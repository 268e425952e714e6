package dev.trainyard.worker.messaging;

import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import dev.trainyard.worker.service.BatchStates;
import dev.trainyard.worker.service.GenerationService;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes generation requests. Each record runs on the {@code claude-calls} worker pool, unordered, so
 * as many calls are in flight as that pool allows ({@code smallrye.messaging.worker.claude-calls.max-concurrency});
 * the Kafka consumer keeps polling meanwhile and stays in its group. The record is acknowledged (and so
 * committed) only after its outcome event is acknowledged by the broker; a poison record is nacked and
 * goes to the dead-letter topic.
 */
@ApplicationScoped
public class GenerationRequestConsumer {

    private final RequestReader reader;
    private final GenerationService generation;
    private final EventPublisher publisher;
    private final BatchStates batches;
    private final Duration itemDeadline;

    public GenerationRequestConsumer(
            RequestReader reader,
            GenerationService generation,
            EventPublisher publisher,
            BatchStates batches,
            @ConfigProperty(name = "trainyard.worker.item-deadline", defaultValue = "PT15M") Duration itemDeadline) {
        this.reader = reader;
        this.generation = generation;
        this.publisher = publisher;
        this.batches = batches;
        this.itemDeadline = itemDeadline;
    }

    @Incoming(Topics.GENERATION_REQUESTS)
    @Blocking(value = "claude-calls", ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        GenerationRequested request = reader.read(record.value());
        if (batches.halted(request.batchId())) {
            Log.infof("skipped item %s: batch %s is cancelled or paused", request.itemId(), request.batchId());
            return;
        }
        // A worker thread, not an event loop: waiting here is what bounds the calls in flight.
        generation
                .generate(request)
                .onItem()
                .transformToUni(publisher::publish)
                .await()
                .atMost(itemDeadline);
    }
}
