package dev.trainyard.simulator.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.simulator.api.MessageResponse;
import dev.trainyard.simulator.api.MessageResponse.TextBlock;
import dev.trainyard.simulator.api.MessageResponse.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Builds the model's answer to a request: the scripted reply, cut at {@code max_tokens} with stop reason
 * {@code max_tokens} when it does not fit (as the real model is cut), and usage counted from the texts.
 * Injected faults change the answer: truncation, refusal, context window, prose instead of JSON.
 */
@ApplicationScoped
public class MessageWriter {

    /** Tokens the real API adds per message for role markers and framing. */
    private static final long TOKENS_PER_MESSAGE = 4;

    private static final String REFUSAL = "I can't help with writing this conversation.";
    private static final String PROSE = "Sure! Here is a lovely conversation about that topic, told as a story.";

    private final ConversationScript script;
    private final PromptCache cache;

    public MessageWriter(ObjectMapper mapper, PromptCache cache) {
        this.script = new ConversationScript(mapper);
        this.cache = cache;
    }

    public long inputTokens(MessageRequest request) {
        return Tokens.estimate(request.promptText()) + TOKENS_PER_MESSAGE * request.messageCount();
    }

    public MessageResponse answer(MessageRequest request) {
        return answer(request, Fault.NONE);
    }

    public MessageResponse answer(MessageRequest request, Fault fault) {
        String full = switch (fault) {
            case REFUSAL -> REFUSAL;
            case INVALID_OUTPUT -> PROSE;
            default -> script.reply(request.lastUserText());
        };
        long budget = fault == Fault.TRUNCATION || fault == Fault.CONTEXT_WINDOW
                ? Math.max(1, Math.min(request.maxTokens(), Tokens.estimate(full) / 2))
                : request.maxTokens();
        long fullTokens = Tokens.estimate(full);
        boolean cut = fullTokens > budget;
        String text = cut ? Tokens.truncate(full, budget) : full;
        long outputTokens = cut ? budget : fullTokens;
        return new MessageResponse(
                messageId(),
                "message",
                "assistant",
                request.model(),
                List.of(TextBlock.of(text)),
                stopReason(fault, cut),
                null,
                usage(request, outputTokens));
    }

    /** Input split into uncached, cache-written and cache-read tokens, as the API reports it. */
    private Usage usage(MessageRequest request, long outputTokens) {
        long input = inputTokens(request);
        long prefix = request.cachedPrefix().isEmpty() ? 0 : Tokens.estimate(request.cachedPrefix());
        return switch (cache.use(request.model(), request.cachedPrefix(), prefix)) {
            case WRITE -> new Usage(input - prefix, outputTokens, prefix, 0);
            case READ -> new Usage(input - prefix, outputTokens, 0, prefix);
            default -> new Usage(input, outputTokens, 0, 0);
        };
    }

    private static String stopReason(Fault fault, boolean cut) {
        if (fault == Fault.REFUSAL) {
            return "refusal";
        }
        if (fault == Fault.CONTEXT_WINDOW) {
            return "model_context_window_exceeded";
        }
        return cut ? "max_tokens" : "end_turn";
    }

    private static String messageId() {
        return "msg_01" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }
}
