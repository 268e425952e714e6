package dev.trainyard.simulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A Messages API response ({@code "type": "message"}) with the same fields the real API sends. */
public record MessageResponse(
        String id,
        String type,
        String role,
        String model,
        List<TextBlock> content,
        @JsonProperty("stop_reason") String stopReason,

        @JsonProperty("stop_sequence") @JsonInclude(JsonInclude.Include.ALWAYS)
        String stopSequence,

        Usage usage) {

    /** A text content block. */
    public record TextBlock(String type, String text) {

        public static TextBlock of(String text) {
            return new TextBlock("text", text);
        }
    }

    /** Token usage as the real API reports it, cache counters included. */
    public record Usage(
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("cache_creation_input_tokens") long cacheCreationInputTokens,
            @JsonProperty("cache_read_input_tokens") long cacheReadInputTokens) {}
}
