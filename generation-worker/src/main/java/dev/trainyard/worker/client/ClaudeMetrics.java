package dev.trainyard.worker.client;

import dev.trainyard.model.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The worker's Claude meters, served in Prometheus format at {@code /q/metrics}:
 * <ul>
 *   <li>{@code trainyard_claude_requests_total{outcome}}: every HTTP attempt by how it ended (success,
 *       rate_limited, budget_spent, overloaded, server_error, client_error, timeout, connection_error);
 *   <li>{@code trainyard_claude_rate_limited_total}: every 429, with or without retry-after;
 *   <li>{@code trainyard_claude_tokens_total{kind}}: tokens of finished items (input, output, cache_read,
 *       cache_creation);
 *   <li>{@code trainyard_claude_cost_usd_total}: their cost from the configured price table.
 * </ul>
 */
@ApplicationScoped
public class ClaudeMetrics {

    private static final String REQUESTS = "trainyard.claude.requests";

    private final MeterRegistry registry;
    private final Counter rateLimited;
    private final Counter costUsd;

    public ClaudeMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front so a dashboard sees 0 rather than no series before the first 429.
        this.rateLimited = Counter.builder("trainyard.claude.rate_limited")
                .description("Claude answers with status 429")
                .register(registry);
        this.costUsd = Counter.builder("trainyard.claude.cost_usd")
                .description("Cost of the tokens used, in USD, from the configured prices")
                .register(registry);
    }

    /** One attempt was answered. */
    public void answered() {
        requests("success").increment();
    }

    /** One attempt failed; the outcome tag names why. */
    public void failed(Throwable failure) {
        requests(outcomeOf(failure)).increment();
        if (failure instanceof ClaudeApiException api && api.status() == 429) {
            rateLimited.increment();
        }
    }

    /** The tokens and cost of one finished item, over all of its calls. */
    public void spent(TokenUsage usage, double usd) {
        tokens("input", usage.inputTokens());
        tokens("output", usage.outputTokens());
        tokens("cache_read", usage.cacheReadInputTokens());
        tokens("cache_creation", usage.cacheCreationInputTokens());
        costUsd.increment(usd);
    }

    private Counter requests(String outcome) {
        return Counter.builder(REQUESTS)
                .description("Claude HTTP attempts by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private void tokens(String kind, long count) {
        Counter.builder("trainyard.claude.tokens")
                .description("Tokens of finished items by kind")
                .tag("kind", kind)
                .register(registry)
                .increment(count);
    }

    private static String outcomeOf(Throwable failure) {
        if (failure instanceof ClaudeApiException api) {
            return apiOutcome(api);
        }
        if (failure instanceof TimeoutException) {
            return "timeout";
        }
        return "connection_error";
    }

    private static String apiOutcome(ClaudeApiException api) {
        if (api.rateLimited()) {
            return "rate_limited";
        }
        if (api.budgetSpent()) {
            return "budget_spent";
        }
        if (api.overloaded()) {
            return "overloaded";
        }
        return api.serverError() ? "server_error" : "client_error";
    }
}
