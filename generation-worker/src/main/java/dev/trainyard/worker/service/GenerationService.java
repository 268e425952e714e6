package dev.trainyard.worker.service;

import dev.trainyard.model.Conversation;
import dev.trainyard.model.ConversationGenerated;
import dev.trainyard.model.FailureReason;
import dev.trainyard.model.GenerationFailed;
import dev.trainyard.model.GenerationRequested;
import dev.trainyard.model.TokenUsage;
import dev.trainyard.worker.client.ClaudeApiException;
import dev.trainyard.worker.client.ClaudeClient;
import dev.trainyard.worker.client.MessagesRequest;
import dev.trainyard.worker.client.MessagesResponse;
import dev.trainyard.worker.config.ClaudeConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Turns one generation request into its outcome: builds the prompt, calls Claude, checks the answer.
 * Every failure ends as a {@link Outcome.Failed} with a reason code; this never fails the Uni.
 */
@ApplicationScoped
public class GenerationService {

    private final ClaudeClient client;
    private final PromptBuilder prompts;
    private final ConversationParser parser;
    private final ClaudeConfig config;

    public GenerationService(
            ClaudeClient client, PromptBuilder prompts, ConversationParser parser, ClaudeConfig config) {
        this.client = client;
        this.prompts = prompts;
        this.parser = parser;
        this.config = config;
    }

    public Uni<Outcome> generate(GenerationRequested request) {
        long started = System.nanoTime();
        MessagesRequest call = prompts.build(request, model(request), maxTokens(request));
        return client.send(call)
                .onItem()
                .transform(response -> judge(request, response, elapsedMs(started)))
                .onFailure()
                .recoverWithItem(failure -> failed(request, failure));
    }

    private Outcome judge(GenerationRequested request, MessagesResponse response, long latencyMs) {
        String stopReason = response.stopReason() == null ? "" : response.stopReason();
        TokenUsage usage = response.tokenUsage();
        return switch (stopReason) {
            case "max_tokens" -> failure(request, FailureReason.TRUNCATED, "output hit max_tokens", response);
            case "refusal" -> failure(request, FailureReason.REFUSAL, "the model declined", response);
            case "model_context_window_exceeded" ->
                failure(request, FailureReason.CONTEXT_WINDOW_EXCEEDED, "context window exceeded", response);
            default -> conversation(request, response, usage, latencyMs);
        };
    }

    private Outcome conversation(
            GenerationRequested request, MessagesResponse response, TokenUsage usage, long latencyMs) {
        Conversation conversation;
        try {
            conversation = parser.parse(response.text(), request.turns());
        } catch (InvalidOutputException e) {
            return failure(request, FailureReason.INVALID_OUTPUT, e.getMessage(), response);
        }
        return new Outcome.Generated(new ConversationGenerated(
                ConversationGenerated.SCHEMA_VERSION,
                request.batchId(),
                request.itemId(),
                request.attempt(),
                request.targetTrainingFileId(),
                request.persona(),
                request.topic(),
                request.emotionalArc(),
                conversation,
                response.model(),
                usage,
                response.stopReason(),
                latencyMs,
                Instant.now()));
    }

    private Outcome failure(
            GenerationRequested request, FailureReason reason, String message, MessagesResponse response) {
        Log.warnf("item %s failed: %s (%s)", request.itemId(), reason.code(), message);
        return new Outcome.Failed(new GenerationFailed(
                GenerationFailed.SCHEMA_VERSION,
                request.batchId(),
                request.itemId(),
                request.attempt(),
                reason,
                message,
                response == null ? null : response.text(),
                response == null ? TokenUsage.NONE : response.tokenUsage(),
                Instant.now()));
    }

    private Outcome failed(GenerationRequested request, Throwable failure) {
        if (failure instanceof ClaudeApiException api) {
            return failure(request, reasonFor(api.status()), api.getMessage(), null);
        }
        if (failure instanceof TimeoutException) {
            return failure(request, FailureReason.UPSTREAM_UNAVAILABLE, "the API did not answer in time", null);
        }
        return failure(request, FailureReason.UPSTREAM_UNAVAILABLE, "call failed: " + failure, null);
    }

    private static FailureReason reasonFor(int status) {
        return switch (status) {
            case 400, 404, 413, 422 -> FailureReason.INVALID_REQUEST;
            case 401, 403 -> FailureReason.UNAUTHORIZED;
            default -> FailureReason.UPSTREAM_UNAVAILABLE;
        };
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
