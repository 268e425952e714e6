package dev.trainyard.worker.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.worker.config.ClaudeConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one place that calls the Messages API: adds the key and version headers, bounds each attempt by a
 * timeout, and turns an error status into a {@link ClaudeApiException} carrying what a retry needs.
 */
@ApplicationScoped
public class ClaudeClient {

    private final MessagesApi api;
    private final ClaudeConfig config;
    private final ObjectMapper mapper;
    private final StreamingCall streaming;

    public ClaudeClient(
            @RestClient MessagesApi api, ClaudeConfig config, ObjectMapper mapper, StreamingCall streaming) {
        this.api = api;
        this.config = config;
        this.mapper = mapper;
        this.streaming = streaming;
    }

    /**
     * Sends one request, one attempt; fails with {@link ClaudeApiException} or a Mutiny
     * {@code TimeoutException}. Retries are {@link ResilientClaude}'s concern.
     */
    public Uni<ClaudeReply> send(MessagesRequest request) {
        if (request.maxTokens() >= config.streamFromMaxTokens()) {
            // Long generations stream: an idle timeout then catches a stalled answer without cutting a slow one.
            return streaming.send(request.streaming());
        }
        return api.create(config.apiKey(), config.anthropicVersion(), request)
                .ifNoItem()
                .after(config.attemptTimeout())
                .fail()
                .onItem()
                .transform(this::read);
    }

    private ClaudeReply read(Response response) {
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (response.getStatus() != 200) {
                throw toException(response, body);
            }
            return new ClaudeReply(mapper.readValue(body, MessagesResponse.class), RateLimitHeaders.of(response));
        } catch (JsonProcessingException e) {
            // Treated like a 502: a garbled answer from a proxy is worth another attempt.
            throw new ClaudeApiException(
                    502,
                    "unreadable_response",
                    "response body is not a message",
                    Optional.empty(),
                    RateLimitHeaders.NONE);
        }
    }

    private ClaudeApiException toException(Response response, String body) {
        return toException(
                mapper,
                response.getStatus(),
                body,
                response.getHeaderString("retry-after"),
                RateLimitHeaders.of(response));
    }

    /** The exception for an error answer, from its status, error body and headers. */
    static ClaudeApiException toException(
            ObjectMapper mapper, int status, String body, String retryAfter, RateLimitHeaders limits) {
        String type = "unknown";
        String message = "no error body";
        try {
            JsonNode error = mapper.readTree(body).path("error");
            type = error.path("type").asText(type);
            message = error.path("message").asText(message);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            message = "error body is not JSON";
        }
        return new ClaudeApiException(status, type, message, retryAfter(retryAfter), limits);
    }

    private static Optional<Duration> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
