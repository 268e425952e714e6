package dev.trainyard.worker.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A Messages API request with one system prompt and plain-text messages.
 *
 * @param stream true to get the answer as a server-sent event stream; absent (null) otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagesRequest(
        String model,
        @JsonProperty("max_tokens") int maxTokens,
        String system,
        List<Message> messages,
        Boolean stream) {

    /** One message of the request. */
    public record Message(String role, String content) {}

    public MessagesRequest(String model, int maxTokens, String system, List<Message> messages) {
        this(model, maxTokens, system, messages, null);
    }

    public MessagesRequest withMaxTokens(int newMaxTokens) {
        return new MessagesRequest(model, newMaxTokens, system, messages, stream);
    }

    public MessagesRequest streaming() {
        return new MessagesRequest(model, maxTokens, system, messages, Boolean.TRUE);
    }
}
