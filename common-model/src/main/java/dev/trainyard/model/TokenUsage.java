package dev.trainyard.model;

/** Tokens a Claude call consumed, as the Messages API reports them. */
public record TokenUsage(
        long inputTokens, long outputTokens, long cacheCreationInputTokens, long cacheReadInputTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

    public long totalTokens() {
        return inputTokens + outputTokens + cacheCreationInputTokens + cacheReadInputTokens;
    }
}
