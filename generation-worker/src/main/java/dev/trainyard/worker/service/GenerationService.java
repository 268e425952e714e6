package dev.trainyard.worker.service;

import dev.trainyard.model.Conversation;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.FailureReason;
import dev.trainyard.model.GenerationFailed;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.TokenUsage;
import dev.trainyard.worker.client.BudgetSpentException;
import dev.trainyard.worker.client.ClaudeApiException;
import dev.trainyard.worker.client.ClaudeMetrics;
import dev.trainyard.worker.client.ClaudeReply;
import dev.trainyard.worker.client.MessagesRequest;
import dev.trainyard.worker.client.MessagesResponse;
import dev.trainyard.worker.client.ResilientClaude;
import dev.trainyard.worker.client.UpstreamUnavailableException;
import dev.trainyard.worker.config.ClaudeConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns one generation request into its outcome: builds the prompt, calls Claude (retries are
 * {@link ResilientClaude}'s), checks the answer. A truncated answer is retried once with a larger budget.
 * Every failure ends as an {@link Outcome}; the returned Uni never fails.
 */
@ApplicationScoped
public class GenerationService {

    private final ResilientClaude claude;
    private final PromptBuilder prompts;
    private final ConversationParser parser;
    private final CostCalculator costs;
    private final ClaudeConfig config;
    private final ClaudeMetrics metrics;
    private final Duration itemDeadline;

    public GenerationService(
            ResilientClaude claude,
            PromptBuilder prompts,
            ConversationParser parser,
            CostCalculator costs,
            ClaudeConfig config,
            ClaudeMetrics metrics,
            @ConfigProperty(name = "trainyard.worker.item-deadline", defaultValue = "PT15M") Duration itemDeadline) {
        this.claude = claude;
        this.prompts = prompts;
        this.parser = parser;
        this.costs = costs;
        this.config = config;
        this.metrics = metrics;
        this.itemDeadline = itemDeadline;
    }

    /** The last answer and the tokens of every call made for the item. */
    private record Answer(MessagesResponse message, TokenUsage usage) {

        String stopReason() {
            return message.stopReason() == null ? "" : message.stopReason();
        }
    }

    public Uni<Outcome> generate(GenerationRequested request) {
        long started = System.nanoTime();
        MessagesRequest call = prompts.build(request, model(request), maxTokens(request));
        return claude.send(call)
                .map(reply -> new Answer(reply.message(), reply.message().tokenUsage()))
                .chain(answer -> retryIfTruncated(call, answer))
                .map(answer -> judge(request, answer, elapsedMs(started)))
                .ifNoItem()
                .after(itemDeadline)
                .failWith(() ->
                        new UpstreamUnavailableException("no outcome within the item deadline " + itemDeadline, null))
                .onFailure()
                .recoverWithItem(failure -> failed(request, failure))
                .invoke(this::countSpending);
    }

    /** Tokens and cost are counted once per item, from the same totals its event carries. */
    private void countSpending(Outcome outcome) {
        if (outcome instanceof Outcome.Generated generated) {
            metrics.spent(generated.event().usage(), generated.costUsd());
        } else if (outcome instanceof Outcome.Failed failed) {
            metrics.spent(failed.event().usage(), failed.costUsd());
        }
    }

    private Uni<Answer> retryIfTruncated(MessagesRequest call, Answer answer) {
        int larger = Math.min(config.maxOutputTokens(), call.maxTokens() * config.truncationRetryFactor());
        if (!answer.stopReason().equals("max_tokens") || larger <= call.maxTokens()) {
            return Uni.createFrom().item(answer);
        }
        Log.warnf("answer truncated at max_tokens %d: retrying once with %d", call.maxTokens(), larger);
        return claude.send(call.withMaxTokens(larger))
                .map(ClaudeReply::message)
                .map(second -> new Answer(second, sum(answer.usage(), second.tokenUsage())));
    }

    private Outcome judge(GenerationRequested request, Answer answer, long latencyMs) {
        return switch (answer.stopReason()) {
            case "max_tokens" ->
                failure(request, FailureReason.TRUNCATED, "output hit max_tokens, also with a larger budget", answer);
            case "refusal" -> failure(request, FailureReason.REFUSAL, "the model declined", answer);
            case "model_context_window_exceeded" ->
                failure(request, FailureReason.CONTEXT_WINDOW_EXCEEDED, "context window exceeded", answer);
            default -> conversation(request, answer, latencyMs);
        };
    }

    private Outcome conversation(GenerationRequested request, Answer answer, long latencyMs) {
        Conversation conversation;
        try {
            conversation = parser.parse(answer.message().text(), request.turns());
        } catch (InvalidOutputException e) {
            return failure(request, FailureReason.INVALID_OUTPUT, e.getMessage(), answer);
        }
        ConversationGenerated event = new ConversationGenerated(
                ConversationGenerated.SCHEMA_VERSION,
                request.batchId(),
                request.itemId(),
                request.attempt(),
                request.targetTrainingFileId(),
                request.persona(),
                request.topic(),
                request.emotionalArc(),
                conversation,
                answer.message().model(),
                answer.usage(),
                answer.message().stopReason(),
                latencyMs,
                Instant.now());
        return new Outcome.Generated(event, costs.costUsd(answer.message().model(), answer.usage()));
    }

    private Outcome failure(GenerationRequested request, FailureReason reason, String message, Answer answer) {
        Log.warnf("item %s failed: %s (%s)", request.itemId(), reason.code(), message);
        TokenUsage usage = answer == null ? TokenUsage.NONE : answer.usage();
        GenerationFailed event = new GenerationFailed(
                GenerationFailed.SCHEMA_VERSION,
                request.batchId(),
                request.itemId(),
                request.attempt(),
                reason,
                message,
                answer == null ? null : answer.message().text(),
                usage,
                Instant.now());
        return new Outcome.Failed(
                event, answer == null ? 0 : costs.costUsd(answer.message().model(), usage));
    }

    private Outcome failed(GenerationRequested request, Throwable failure) {
        if (failure instanceof BudgetSpentException) {
            return new Outcome.Paused(
                    request.batchId(),
                    request.itemId(),
                    "Claude API budget spent (429 without retry-after): " + failure.getMessage());
        }
        if (failure instanceof ClaudeApiException api) {
            return failure(request, reasonFor(api.status()), api.getMessage(), null);
        }
        if (failure instanceof UpstreamUnavailableException || failure instanceof TimeoutException) {
            return failure(request, FailureReason.UPSTREAM_UNAVAILABLE, failure.getMessage(), null);
        }
        return failure(request, FailureReason.UPSTREAM_UNAVAILABLE, "call failed: " + failure, null);
    }

    private static FailureReason reasonFor(int status) {
        return switch (status) {
            case 401, 403 -> FailureReason.UNAUTHORIZED;
            case 400, 404, 413, 422 -> FailureReason.INVALID_REQUEST;
            default -> FailureReason.UPSTREAM_UNAVAILABLE;
        };
    }

    private static TokenUsage sum(TokenUsage a, TokenUsage b) {
        return new TokenUsage(
                a.inputTokens() + b.inputTokens(),
                a.outputTokens() + b.outputTokens(),
                a.cacheCreationInputTokens() + b.cacheCreationInputTokens(),
                a.cacheReadInputTokens() + b.cacheReadInputTokens());
    }

    private String model(GenerationRequested request) {
        return request.model() == null || request.model().isBlank() ? config.model() : request.model();
    }

    private int maxTokens(GenerationRequested request) {
        return request.maxTokens() > 0 ? request.maxTokens() : config.defaultMaxTokens();
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
