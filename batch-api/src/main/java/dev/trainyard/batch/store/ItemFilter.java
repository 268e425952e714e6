package dev.trainyard.batch.store;

import java.util.UUID;

/** Optional filters of item and conversation lists; null means "any". */
public record ItemFilter(UUID batchId, String status, String persona, String topic) {}
