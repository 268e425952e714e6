package dev.trainyard.batch.messaging;

import dev.trainyard.batch.service.BatchService;
import dev.trainyard.batch.service.InvalidRequestException;
import dev.trainyard.model.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns records of {@link Topics#BATCH_REQUESTS} into batches. An invalid record fails its message, and the
 * channel's dead-letter strategy moves it to {@link Topics#BATCH_REQUESTS_DLQ} with the reason in the
 * {@code dead-letter-reason} header, so the partition moves on.
 */
@ApplicationScoped
public class BatchRequestConsumer {

    private final BatchRequestParser parser;
    private final BatchService batches;

    public BatchRequestConsumer(BatchRequestParser parser, BatchService batches) {
        this.parser = parser;
        this.batches = batches;
    }

    @Incoming(Topics.BATCH_REQUESTS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return UntilStored.retry(Uni.createFrom().deferred(() -> submit(record)), "Storing a batch request")
                .onFailure(InvalidRequestException.class)
                .invoke(invalid -> Log.warnf(
                        "Batch request at %s-%d@%d is invalid, sent to %s: %s",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        Topics.BATCH_REQUESTS_DLQ,
                        invalid.getMessage()))
                .replaceWithVoid();
    }

    private Uni<?> submit(ConsumerRecord<String, String> record) {
        BatchRequestParser.Submission submission = parser.parse(record.value());
        UUID id = submission.requestId() != null ? submission.requestId() : positionId(record);
        return batches.submit(id, submission.tenant(), submission.request(), "kafka");
    }

    /** Without a request id, the record's position names the batch, so a re-delivery cannot create a second. */
    private static UUID positionId(ConsumerRecord<String, String> record) {
        String position = record.topic() + "/" + record.partition() + "/" + record.offset();
        return UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8));
    }
}
