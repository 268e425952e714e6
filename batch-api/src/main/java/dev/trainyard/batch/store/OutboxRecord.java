package dev.trainyard.batch.store;

import java.util.UUID;

/**
 * A Kafka record to publish, stored in the transaction that decided it.
 *
 * @param itemId the item the record asks to generate; null for records about the whole batch
 * @param trace the trace context of the work that decided it, so the relay publishes it in the same trace
 */
public record OutboxRecord(
        long id, String topic, String key, String payload, UUID batchId, UUID itemId, OutboxTrace trace) {

    /** A new record in the trace current where it is created (the request or event that decided it). */
    public static OutboxRecord of(String topic, String key, String payload, UUID batchId, UUID itemId) {
        return new OutboxRecord(0, topic, key, payload, batchId, itemId, OutboxTrace.current());
    }
}
