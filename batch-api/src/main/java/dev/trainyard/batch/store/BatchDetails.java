package dev.trainyard.batch.store;

/** A batch with its item counts, read together. */
public record BatchDetails(BatchRow batch, BatchCounts counts) {}
