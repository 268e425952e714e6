package dev.trainyard.builder.store;

import java.time.Instant;
import java.util.UUID;

/** A training file's row: what it is and how much of its storage is committed. */
public record TrainingFile(
        UUID id,
        String tenant,
        String name,
        String description,
        String format,
        double validationFraction,
        long committedBytes,
        long lineCount,
        long conversationCount,
        long validationLineCount,
        long validationConversationCount,
        long estimatedTokens,
        long rejectedCount,
        Instant createdAt,
        Instant lastAppendAt) {}
