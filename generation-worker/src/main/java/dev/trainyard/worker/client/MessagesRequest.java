package dev.trainyard.worker.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Messages API request with one system prompt and plain-text messages.
 *
 * @param system a string, or a list of {@link SystemBlock}s when a prefix is marked for prompt caching
 * @param stream true to get the answer as a server-sent event stream; absent (null) otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagesRequest(
        String model,
        @JsonProperty("max_tokens") int maxTokens,
        Object system,
        List<Message> messages,
        Boolean stream) {

    /** One message of the request. */
    public record Message(String role, String content) {}

    /** A system text block, optionally the end of the prefix the API caches. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SystemBlock(
            String type,
            String text,
            @JsonProperty("cache_control") CacheControl cacheControl) {

        public static SystemBlock cached(String text) {
            return new SystemBlock("text", text, new CacheControl("ephemeral"));
        }
    }

    /** {@code {"type": "ephemeral"}}: cache the prompt up to here (about 5 minutes, refreshed on use). */
    public record CacheControl(String type) {}

    public MessagesRequest(String model, int maxTokens, Object system, List<Message> messages) {
        this(model, maxTokens, system, messages, null);
    }

    public MessagesRequest withMaxTokens(int newMaxTokens) {
        return new MessagesRequest(model, newMaxTokens, system, messages, stream);
    }

    public MessagesRequest streaming() {
        return new MessagesRequest(model, maxTokens, system, messages, Boolean.TRUE);
    }

    /** The system prompt's text, whatever its form. */
    public String systemText() {
        if (system instanceof List<?> blocks) {
            return blocks.stream()
                    .map(block -> block instanceof SystemBlock b ? b.text() : String.valueOf(block))
                    .collect(Collectors.joining("\n"));
        }
        return system == null ? "" : system.toString();
    }
}
