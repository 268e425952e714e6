package dev.trainyard.model;

/**
 * Names every Kafka topic Trainyard uses. Each service's channel carries the same name as its topic,
 * so this is the one place where a topic is spelt.
 */
public final class Topics {

    /** One {@link GenerationRequested} per item to generate; key: item id. Produced by batch-api. */
    public static final String GENERATION_REQUESTS = "generation-requests";

    /**
     * One {@link ConversationGenerated} per successful generation; key: the target training file id when
     * there is one (so one builder writes a file at a time), else the item id. Produced by workers.
     */
    public static final String CONVERSATIONS_GENERATED = "conversations-generated";

    /** One {@link GenerationFailed} per failed generation; key: item id. Produced by workers. */
    public static final String GENERATION_FAILED = "generation-failed";

    /** {@link BatchControl} records: cancel, pause, resume; key: batch id; compacted. */
    public static final String BATCH_CONTROL = "batch-control";

    /** {@link BatchRequested} records: batches submitted by other systems; consumed by batch-api. */
    public static final String BATCH_REQUESTS = "batch-requests";

    /**
     * Invalid {@link BatchRequested} records, unchanged, with the reason in the {@code dead-letter-reason}
     * header (plus {@code dead-letter-topic}, {@code -partition}, {@code -offset}). Produced by batch-api.
     */
    public static final String BATCH_REQUESTS_DLQ = "batch-requests-dlq";

    private Topics() {}
}
