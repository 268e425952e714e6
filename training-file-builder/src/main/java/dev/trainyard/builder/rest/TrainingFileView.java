package dev.trainyard.builder.rest;

import dev.trainyard.builder.service.ImportProgress;
import dev.trainyard.builder.store.TrainingFile;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A training file as the API shows it. {@code sizeBytes} and the counts are what is committed;
 * {@code runningImports} shows adds by id in progress on the instance that answers.
 */
public record TrainingFileView(
        UUID id,
        String name,
        String description,
        String format,
        long lineCount,
        long conversationCount,
        long sizeBytes,
        long estimatedTokens,
        long rejectedCount,
        double validationFraction,
        SplitCounts train,
        SplitCounts validation,
        Instant createdAt,
        Instant lastAppendAt,
        List<String> warnings,
        List<ImportProgress.Snapshot> runningImports) {

    /** Lines and conversations of one side of the train/validation split. */
    public record SplitCounts(long lineCount, long conversationCount) {}

    public static TrainingFileView of(
            TrainingFile file, List<String> warnings, List<ImportProgress.Snapshot> runningImports) {
        return new TrainingFileView(
                file.id(),
                file.name(),
                file.description(),
                file.format(),
                file.lineCount(),
                file.conversationCount(),
                file.committedBytes(),
                file.estimatedTokens(),
                file.rejectedCount(),
                file.validationFraction(),
                new SplitCounts(
                        file.lineCount() - file.validationLineCount(),
                        file.conversationCount() - file.validationConversationCount()),
                new SplitCounts(file.validationLineCount(), file.validationConversationCount()),
                file.createdAt(),
                file.lastAppendAt(),
                warnings,
                runningImports);
    }
}
