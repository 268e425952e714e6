package dev.trainyard.batch.service;

import java.util.Set;

/** Batch statuses as they appear on the wire and in the database. */
public final class BatchStatus {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String COMPLETED_WITH_ERRORS = "completed_with_errors";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /** Statuses a batch never leaves by itself; only retry-failed reopens a finished batch. */
    public static final Set<String> FINAL = Set.of(COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED);

    private BatchStatus() {}

    public static boolean isOpen(String status) {
        return !FINAL.contains(status);
    }
}
