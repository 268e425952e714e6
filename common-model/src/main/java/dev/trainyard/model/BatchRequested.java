package dev.trainyard.model;

import java.util.List;
import java.util.UUID;

/**
 * A batch submitted by another system over Kafka instead of HTTP. Topic {@link Topics#BATCH_REQUESTS}, key:
 * anything (the request id is a good choice). batch-api validates it exactly like {@code POST /api/batches}
 * (unknown fields included) and sends an invalid record to {@link Topics#BATCH_REQUESTS_DLQ} with the reason
 * in its headers. JSON Schema: {@code schemas/batch-requests.schema.json}.
 *
 * @param requestId optional; when set it becomes the batch id, so a re-delivered record creates one batch
 * @param tenant the tenant the batch belongs to; must be one batch-api knows from its API key configuration
 * @param count number of conversations, 1 up to batch-api's configured maximum
 * @param errorMode {@code continue} (default) or {@code stop}
 * @param maxFailureRate in {@code stop} mode, the failure rate (0..1) that stops the batch
 */
public record BatchRequested(
        int schemaVersion,
        UUID requestId,
        String tenant,
        String name,
        Integer count,
        UUID targetTrainingFileId,
        Parameters parameters,
        String errorMode,
        Double maxFailureRate) {

    public static final int SCHEMA_VERSION = 1;

    /** What to generate; the same fields as the HTTP request's {@code parameters}. */
    public record Parameters(
            List<String> personas,
            List<String> topics,
            List<String> emotionalArcs,
            Integer turns,
            String model,
            Integer maxTokens) {}
}
