package dev.trainyard.batch.service;

import dev.trainyard.batch.store.BatchCounts;
import dev.trainyard.batch.store.BatchRow;

/** A batch with its item counts, read together. */
public record BatchDetails(BatchRow batch, BatchCounts counts) {}
