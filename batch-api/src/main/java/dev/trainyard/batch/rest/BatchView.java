package dev.trainyard.batch.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trainyard.batch.config.BatchApiConfig;
import dev.trainyard.batch.store.BatchCounts;
import dev.trainyard.batch.store.BatchDetails;
import dev.trainyard.batch.store.BatchRow;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A batch as clients see it: status, counts per item status and progress.
 *
 * @param requested the number of items the batch asked for
 * @param statusReason why the batch stopped or was cancelled, when it did
 * @param pauseReason why workers paused the batch (for example the API budget is spent), when they did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchView(
        UUID id,
        String name,
        String status,
        int requested,
        Counts counts,
        Progress progress,
        UUID targetTrainingFileId,
        GenerationParameters parameters,
        String errorMode,
        Double maxFailureRate,
        String source,
        String statusReason,
        String pauseReason,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt) {

    /** Items per status. */
    public record Counts(long queued, long processing, long completed, long failed, long cancelled) {}

    /**
     * @param percent finished items (completed, failed or cancelled) of those requested, 0 to 100
     * @param itemsPerMinute completed and failed items per minute since the first record was published
     * @param etaSeconds estimated seconds until every open item finishes at the current pace; null when unknown
     * @param costUsd estimated spend so far from the configured per-token prices
     */
    public record Progress(
            double percent,
            double itemsPerMinute,
            Long etaSeconds,
            long inputTokens,
            long outputTokens,
            long totalTokens,
            double costUsd) {}

    public static BatchView of(BatchDetails details, BatchApiConfig.Pricing pricing, Instant now) {
        BatchRow batch = details.batch();
        BatchCounts counts = details.counts();
        return new BatchView(
                batch.id(),
                batch.name(),
                batch.status(),
                batch.requested(),
                new Counts(
                        counts.queued(), counts.processing(), counts.completed(), counts.failed(), counts.cancelled()),
                progress(batch, counts, pricing, now),
                batch.targetTrainingFileId(),
                batch.parameters() == null ? null : batch.parameters().mapTo(GenerationParameters.class),
                batch.errorMode(),
                batch.maxFailureRate(),
                batch.source(),
                batch.statusReason(),
                batch.pauseReason(),
                batch.createdAt(),
                batch.updatedAt(),
                batch.startedAt(),
                batch.finishedAt());
    }

    static Progress progress(BatchRow batch, BatchCounts counts, BatchApiConfig.Pricing pricing, Instant now) {
        double percent = batch.requested() == 0 ? 100.0 : round(100.0 * counts.finished() / batch.requested());
        double perMinute = 0;
        Long eta = null;
        if (batch.startedAt() != null) {
            Instant end = batch.finishedAt() != null ? batch.finishedAt() : now;
            double minutes = Math.max(Duration.between(batch.startedAt(), end).toMillis(), 1) / 60_000.0;
            perMinute = round((counts.completed() + counts.failed()) / minutes);
            if (counts.open() == 0) {
                eta = 0L;
            } else if (perMinute > 0) {
                eta = Math.round(counts.open() / perMinute * 60);
            }
        }
        double cost = counts.inputTokens() / 1_000_000.0 * pricing.inputUsdPerMtok()
                + counts.outputTokens() / 1_000_000.0 * pricing.outputUsdPerMtok();
        return new Progress(
                percent,
                perMinute,
                eta,
                counts.inputTokens(),
                counts.outputTokens(),
                counts.inputTokens() + counts.outputTokens(),
                Math.round(cost * 10_000) / 10_000.0);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
