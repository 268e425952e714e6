package dev.trainyard.simulator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.simulator.api.MessageResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a message as the Messages API's server-sent event stream ({@code "stream": true}):
 * message_start, content_block_start, ping, content_block_delta (text in chunks), content_block_stop,
 * message_delta (stop reason, output tokens), message_stop.
 */
public final class StreamEncoder {

    private static final int CHUNK_CHARS = 64;

    private final ObjectMapper mapper;

    public StreamEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(MessageResponse message) {
        StringBuilder stream = new StringBuilder();
        event(stream, "message_start", Map.of("type", "message_start", "message", startMessage(message)));
        event(
                stream,
                "content_block_start",
                Map.of("type", "content_block_start", "index", 0, "content_block", Map.of("type", "text", "text", "")));
        event(stream, "ping", Map.of("type", "ping"));
        String text = message.content().get(0).text();
        for (String chunk : chunks(text)) {
            event(
                    stream,
                    "content_block_delta",
                    Map.of(
                            "type",
                            "content_block_delta",
                            "index",
                            0,
                            "delta",
                            Map.of("type", "text_delta", "text", chunk)));
        }
        event(stream, "content_block_stop", Map.of("type", "content_block_stop", "index", 0));
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("stop_reason", message.stopReason());
        delta.put("stop_sequence", null);
        event(
                stream,
                "message_delta",
                Map.of(
                        "type",
                        "message_delta",
                        "delta",
                        delta,
                        "usage",
                        Map.of("output_tokens", message.usage().outputTokens())));
        event(stream, "message_stop", Map.of("type", "message_stop"));
        return stream.toString();
    }

    private static Map<String, Object> startMessage(MessageResponse message) {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("id", message.id());
        start.put("type", "message");
        start.put("role", "assistant");
        start.put("model", message.model());
        start.put("content", List.of());
        start.put("stop_reason", null);
        start.put("stop_sequence", null);
        start.put("usage", new MessageResponse.Usage(message.usage().inputTokens(), 1, 0, 0));
        return start;
    }

    private static List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += CHUNK_CHARS) {
            chunks.add(text.substring(i, Math.min(text.length(), i + CHUNK_CHARS)));
        }
        return chunks;
    }

    private void event(StringBuilder stream, String name, Object data) {
        try {
            stream.append("event: ").append(name).append('\n');
            stream.append("data: ").append(mapper.writeValueAsString(data)).append("\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of plain values always serialise", e);
        }
    }
}
