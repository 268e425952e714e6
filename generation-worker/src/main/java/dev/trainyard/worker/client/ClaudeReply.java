package dev.trainyard.worker.client;

/** A successful answer with the rate-limit headers that came with it. */
public record ClaudeReply(MessagesResponse message, RateLimitHeaders limits) {}
