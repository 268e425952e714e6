package dev.trainyard.worker.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A Messages API request with one system prompt and plain-text messages. */
public record MessagesRequest(
        String model, @JsonProperty("max_tokens") int maxTokens, String system, List<Message> messages) {

    /** One message of the request. */
    public record Message(String role, String content) {}

    public MessagesRequest withMaxTokens(int newMaxTokens) {
        return new MessagesRequest(model, newMaxTokens, system, messages);
    }
}
