package dev.trainyard.worker.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link MessagesResponse} from a Messages API event stream fed in arbitrary chunks: text deltas
 * are joined, usage and stop reason come from message_start and message_delta. An {@code error} event
 * fails as the matching {@link ClaudeApiException} (overloaded_error as 529, others as 500).
 */
final class StreamAccumulator {

    private final ObjectMapper mapper;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private String id;
    private String model;
    private String stopReason;
    private long inputTokens;
    private long outputTokens;
    private long cacheCreation;
    private long cacheRead;
    private boolean stopped;

    StreamAccumulator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Feeds the next chunk of the stream; complete lines are processed, a partial one is kept. */
    void feed(String chunk) {
        pending.append(chunk);
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, newline).strip();
            pending.delete(0, newline + 1);
            if (line.startsWith("data:")) {
                onData(line.substring(5).strip());
            }
        }
    }

    /** The message once message_stop was seen; a stream that ended before it is an incomplete answer. */
    MessagesResponse message() {
        if (!stopped) {
            throw new ClaudeApiException(
                    502, "incomplete_stream", "the event stream ended early", Optional.empty(), RateLimitHeaders.NONE);
        }
        return new MessagesResponse(
                id,
                model,
                List.of(new MessagesResponse.Block("text", text.toString())),
                stopReason,
                new MessagesResponse.Usage(inputTokens, outputTokens, cacheCreation, cacheRead));
    }

    private void onData(String json) {
        JsonNode event = read(json);
        switch (event.path("type").asText()) {
            case "message_start" -> start(event.path("message"));
            case "content_block_delta" ->
                text.append(event.path("delta").path("text").asText(""));
            case "message_delta" -> delta(event);
            case "message_stop" -> stopped = true;
            case "error" -> throw error(event.path("error"));
            default -> {
                // ping, content_block_start/stop: nothing to keep.
            }
        }
    }

    private void start(JsonNode message) {
        id = message.path("id").asText(null);
        model = message.path("model").asText(null);
        JsonNode usage = message.path("usage");
        inputTokens = usage.path("input_tokens").asLong();
        outputTokens = usage.path("output_tokens").asLong();
        cacheCreation = usage.path("cache_creation_input_tokens").asLong();
        cacheRead = usage.path("cache_read_input_tokens").asLong();
    }

    private void delta(JsonNode event) {
        stopReason = event.path("delta").path("stop_reason").asText(stopReason);
        if (event.path("usage").has("output_tokens")) {
            outputTokens = event.path("usage").path("output_tokens").asLong();
        }
    }

    private static ClaudeApiException error(JsonNode error) {
        String type = error.path("type").asText("api_error");
        int status = type.equals("overloaded_error") ? 529 : 500;
        return new ClaudeApiException(
                status, type, error.path("message").asText("stream error"), Optional.empty(), RateLimitHeaders.NONE);
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ClaudeApiException(
                    502, "unreadable_stream", "an event is not JSON", Optional.empty(), RateLimitHeaders.NONE);
        }
    }
}
