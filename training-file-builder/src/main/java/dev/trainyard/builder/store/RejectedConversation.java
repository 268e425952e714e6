package dev.trainyard.builder.store;

import java.time.Instant;
import java.util.UUID;

/** A conversation that failed its file format's validation and was not written. */
public record RejectedConversation(UUID conversationId, String reason, Instant rejectedAt) {}
