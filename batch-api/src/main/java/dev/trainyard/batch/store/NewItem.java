package dev.trainyard.batch.store;

import java.util.UUID;

/** One item to insert: what its conversation is about. */
public record NewItem(UUID id, int seq, String persona, String topic, String emotionalArc) {}
