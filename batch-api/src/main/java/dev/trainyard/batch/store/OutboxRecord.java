package dev.trainyard.batch.store;

import java.util.UUID;

/**
 * A Kafka record to publish, stored in the transaction that decided it.
 *
 * @param itemId the item the record asks to generate; null for records about the whole batch
 */
public record OutboxRecord(long id, String topic, String key, String payload, UUID batchId, UUID itemId) {

    public static OutboxRecord of(String topic, String key, String payload, UUID batchId, UUID itemId) {
        return new OutboxRecord(0, topic, key, payload, batchId, itemId);
    }
}
