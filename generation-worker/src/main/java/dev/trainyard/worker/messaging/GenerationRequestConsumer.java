package dev.trainyard.worker.messaging;

import dev.trainyard.model.FailureReason;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.Topics;
import dev.trainyard.worker.service.BatchStates;
import dev.trainyard.worker.service.GenerationService;
import dev.trainyard.worker.service.Outcome;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes generation requests. Each record runs on the {@code claude-calls} worker pool, unordered, so as many
 * calls are in flight as that pool allows ({@code smallrye.messaging.worker.claude-calls.max-concurrency}); the
 * Kafka consumer keeps polling meanwhile and stays in its group.
 *
 * <p>Acknowledgement is explicit, because a commit is a promise that the item's outcome is on a topic:
 * <ul>
 *   <li>a processed record is acknowledged only after its outcome event is acknowledged by the broker; while
 *       the broker refuses the event, publishing is retried;
 *   <li>only a poison record (one no worker could process) is nacked, which sends it to the dead-letter topic;
 *   <li>a stopping worker (scale-in, rolling update) takes no new record and gives the calls in flight up to
 *       {@code trainyard.worker.shutdown-drain} to finish and publish; a record it does not finish is neither
 *       acked nor nacked: it stays uncommitted and the partition's next owner processes it again. Before, a
 *       call broken by the shutdown was nacked, dead-lettered and committed, and its item never finished.
 * </ul>
 */
@ApplicationScoped
public class GenerationRequestConsumer {

    private static final Duration FIRST_PUBLISH_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_PUBLISH_BACKOFF = Duration.ofSeconds(30);

    private final RequestReader reader;
    private final GenerationService generation;
    private final EventPublisher publisher;
    private final BatchStates batches;
    private final Duration drain;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;

    public GenerationRequestConsumer(
            RequestReader reader,
            GenerationService generation,
            EventPublisher publisher,
            BatchStates batches,
            @ConfigProperty(name = "trainyard.worker.shutdown-drain", defaultValue = "PT120S") Duration drain) {
        this.reader = reader;
        this.generation = generation;
        this.publisher = publisher;
        this.batches = batches;
        this.drain = drain;
    }

    /**
     * Runs before the Kafka connector closes, so the calls in flight can still publish their outcome and be
     * committed; what is unfinished when the drain time is up is left to the next owner.
     */
    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + drain.toNanos();
        int left = inFlight.get();
        if (left > 0) {
            Log.infof("stopping: waiting up to %s for %d generation(s) in flight", drain, left);
        }
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (inFlight.get() > 0) {
            Log.warnf("stopping with %d generation(s) unfinished: the next owner redoes them", inFlight.get());
        }
    }

    @Incoming(Topics.GENERATION_REQUESTS)
    @Blocking(value = "claude-calls", ordered = false)
    public CompletionStage<Void> consume(Message<String> message) {
        GenerationRequested request;
        try {
            request = reader.read(message.getPayload());
        } catch (PoisonRecordException e) {
            return message.nack(e);
        }
        if (batches.halted(request.batchId())) {
            Log.infof("skipped item %s: batch %s is cancelled or paused", request.itemId(), request.batchId());
            return message.ack();
        }
        if (stopping) {
            return leftForTheNextOwner(request);
        }
        inFlight.incrementAndGet();
        try {
            // A worker thread, not an event loop: waiting here is what bounds the calls in flight.
            Outcome outcome = generation.generate(request).await().indefinitely();
            if (stopping && brokenByShutdown(outcome)) {
                return leftForTheNextOwner(request);
            }
            publishUntilSent(outcome);
            return message.ack();
        } catch (RuntimeException e) {
            if (stopping) {
                return leftForTheNextOwner(request);
            }
            throw e;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * A call cut by the shutdown (its connection closed under it) looks like an unavailable upstream; recording it
     * as the item's failure would fail work that another worker can still do.
     */
    private static boolean brokenByShutdown(Outcome outcome) {
        return outcome instanceof Outcome.Failed failed
                && failed.event().reason() == FailureReason.UPSTREAM_UNAVAILABLE;
    }

    private void publishUntilSent(Outcome outcome) {
        Uni.createFrom()
                .deferred(() -> publisher.publish(outcome))
                .onFailure(e -> !stopping)
                .invoke(e -> Log.warnf("publishing an outcome failed, retrying: %s", e.getMessage()))
                .onFailure(e -> !stopping)
                .retry()
                .withBackOff(FIRST_PUBLISH_BACKOFF, MAX_PUBLISH_BACKOFF)
                .indefinitely()
                .await()
                .indefinitely();
    }

    /** Neither acked nor nacked: the offset is not committed past this record, so it is delivered again. */
    private static CompletionStage<Void> leftForTheNextOwner(GenerationRequested request) {
        Log.infof("stopping: item %s is left uncommitted for the partition's next owner", request.itemId());
        return new CompletableFuture<>();
    }
}
