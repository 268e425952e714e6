package dev.trainyard.worker.client;

import jakarta.ws.rs.core.Response;
import java.util.function.Function;

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
        return of(response::getHeaderString);
    }

    static RateLimitHeaders of(Function<String, String> header) {
        return new RateLimitHeaders(
                number(header, "requests-limit"),
                number(header, "requests-remaining"),
                number(header, "input-tokens-limit"),
                number(header, "input-tokens-remaining"),
                number(header, "output-tokens-limit"),
                number(header, "output-tokens-remaining"));
    }

    private static long number(Function<String, String> header, String name) {
        String value = header.apply("anthropic-ratelimit-" + name);
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
