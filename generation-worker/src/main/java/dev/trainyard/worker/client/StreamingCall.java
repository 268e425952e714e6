package dev.trainyard.worker.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.worker.config.ClaudeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One streamed Messages API call ({@code "stream": true}) over Vert.x's HTTP client, because the REST
 * client gives no access to status and headers of a stream. It fails with a Mutiny
 * {@code TimeoutException} when the API stays silent longer than the idle timeout, before the headers or
 * between two chunks, so a long but live generation is never cut while a stalled one is.
 */
@ApplicationScoped
public class StreamingCall {

    private final HttpClient http;
    private final ClaudeConfig config;
    private final ObjectMapper mapper;

    public StreamingCall(Vertx vertx, ClaudeConfig config, ObjectMapper mapper) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5000));
        this.config = config;
        this.mapper = mapper;
    }

    public Uni<ClaudeReply> send(MessagesRequest request) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(config.baseUrl().replaceAll("/+$", "") + "/v1/messages")
                .putHeader("x-api-key", config.apiKey())
                .putHeader("anthropic-version", config.anthropicVersion())
                .putHeader("content-type", "application/json")
                .putHeader("accept", "text/event-stream");
        return http.request(options)
                .chain(call -> call.send(Buffer.buffer(json(request))))
                .ifNoItem()
                .after(config.streamIdleTimeout())
                .fail()
                .chain(this::read);
    }

    private Uni<ClaudeReply> read(HttpClientResponse response) {
        RateLimitHeaders limits = RateLimitHeaders.of(response::getHeader);
        if (response.statusCode() != 200) {
            return response.body().map(body -> {
                throw ClaudeClient.toException(
                        mapper, response.statusCode(), body.toString(), response.getHeader("retry-after"), limits);
            });
        }
        StreamAccumulator accumulator = new StreamAccumulator(mapper);
        return response.toMulti()
                .ifNoItem()
                .after(config.streamIdleTimeout())
                .fail()
                .onItem()
                .invoke(chunk -> accumulator.feed(chunk.toString()))
                .collect()
                .last()
                .ifNoItem()
                .after(config.streamTimeout())
                .fail()
                .map(ignored -> new ClaudeReply(accumulator.message(), limits));
    }

    private String json(MessagesRequest request) {
        try {
            return mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("requests always serialise", e);
        }
    }
}
