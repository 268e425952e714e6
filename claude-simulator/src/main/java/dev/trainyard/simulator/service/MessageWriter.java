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
 */
@ApplicationScoped
public class MessageWriter {

    /** Tokens the real API adds per message for role markers and framing. */
    private static final long TOKENS_PER_MESSAGE = 4;

    private final ConversationScript script;

    public MessageWriter(ObjectMapper mapper) {
        this.script = new ConversationScript(mapper);
    }

    public MessageResponse answer(MessageRequest request) {
        String full = script.reply(request.lastUserText());
        long fullTokens = Tokens.estimate(full);
        boolean truncated = fullTokens > request.maxTokens();
        String text = truncated ? Tokens.truncate(full, request.maxTokens()) : full;
        long outputTokens = truncated ? request.maxTokens() : fullTokens;
        long inputTokens = Tokens.estimate(request.promptText()) + TOKENS_PER_MESSAGE * request.messageCount();
        return new MessageResponse(
                messageId(),
                "message",
                "assistant",
                request.model(),
                List.of(TextBlock.of(text)),
                truncated ? "max_tokens" : "end_turn",
                null,
                new Usage(inputTokens, outputTokens, 0, 0));
    }

    private static String messageId() {
        return "msg_01" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }
}
