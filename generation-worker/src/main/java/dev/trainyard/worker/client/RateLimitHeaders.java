package dev.trainyard.worker.client;

import jakarta.ws.rs.core.Response;

/**
 * The {@code anthropic-ratelimit-*} headers of one answer; -1 where a header was absent. The shared
 * limiter uses them to tighten its configured limits to what the API reports.
 */
public record RateLimitHeaders(
        long requestsLimit,
        long requestsRemaining,
        long inputTokensLimit,
        long inputTokensRemaining,
        long outputTokensLimit,
        long outputTokensRemaining) {

    public static final RateLimitHeaders NONE = new RateLimitHeaders(-1, -1, -1, -1, -1, -1);

    static RateLimitHeaders of(Response response) {
        return new RateLimitHeaders(
                number(response, "requests-limit"),
                number(response, "requests-remaining"),
                number(response, "input-tokens-limit"),
                number(response, "input-tokens-remaining"),
                number(response, "output-tokens-limit"),
                number(response, "output-tokens-remaining"));
    }

    private static long number(Response response, String name) {
        String value = response.getHeaderString("anthropic-ratelimit-" + name);
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
