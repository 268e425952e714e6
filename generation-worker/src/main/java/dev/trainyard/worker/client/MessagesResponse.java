package dev.trainyard.worker.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.trainyard.model.TokenUsage;
import java.util.List;

/** The fields of a Messages API response the worker reads; others are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessagesResponse(
        String id,
        String model,
        List<Block> content,
        @JsonProperty("stop_reason") String stopReason,
        Usage usage) {

    /** A content block; only {@code text} blocks carry text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Block(String type, String text) {}

    /** Token counters as the API reports them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("cache_creation_input_tokens") long cacheCreationInputTokens,
            @JsonProperty("cache_read_input_tokens") long cacheReadInputTokens) {}

    /** The concatenated text of every text block. */
    public String text() {
        if (content == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Block block : content) {
            if ("text".equals(block.type()) && block.text() != null) {
                text.append(block.text());
            }
        }
        return text.toString();
    }

    public TokenUsage tokenUsage() {
        if (usage == null) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cacheCreationInputTokens(),
                usage.cacheReadInputTokens());
    }
}
