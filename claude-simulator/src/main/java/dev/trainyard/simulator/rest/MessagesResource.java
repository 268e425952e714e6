package dev.trainyard.simulator.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.simulator.api.ApiError;
import dev.trainyard.simulator.api.MessageResponse;
import dev.trainyard.simulator.config.SimulatorConfig;
import dev.trainyard.simulator.service.InvalidRequestException;
import dev.trainyard.simulator.service.MessageRequest;
import dev.trainyard.simulator.service.Reply;
import dev.trainyard.simulator.service.SimulatedApi;
import dev.trainyard.simulator.service.Stats;
import dev.trainyard.simulator.service.StreamEncoder;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * {@code POST /v1/messages}: the Claude Messages API as the simulator serves it. Headers are checked in
 * the real API's order (key, then version), and errors use its body shape and status codes.
 */
@Path("/v1/messages")
public class MessagesResource {

    private final SimulatorConfig config;
    private final SimulatedApi api;
    private final ObjectMapper mapper;
    private final StreamEncoder streams;

    private final Stats stats;

    public MessagesResource(SimulatorConfig config, SimulatedApi api, ObjectMapper mapper, Stats stats) {
        this.stats = stats;
        this.config = config;
        this.api = api;
        this.mapper = mapper;
        this.streams = new StreamEncoder(mapper);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "text/event-stream"})
    public Uni<Response> create(
            @HeaderParam("x-api-key") String xApiKey,
            @HeaderParam("authorization") String authorization,
            @HeaderParam("anthropic-version") String version,
            String body) {
        // The current SDKs send the key as "Authorization: Bearer <key>", older clients as x-api-key.
        String apiKey = xApiKey != null ? xApiKey : bearer(authorization);
        String requestId =
                "req_01" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        if (apiKey == null || apiKey.isBlank()) {
            return error(401, "authentication_error", "x-api-key header is required", requestId);
        }
        if (!config.apiKeys().contains(apiKey)) {
            return error(401, "authentication_error", "invalid x-api-key", requestId);
        }
        if (version == null || version.isBlank()) {
            return error(400, "invalid_request_error", "anthropic-version: header is required", requestId);
        }
        MessageRequest request;
        try {
            request = MessageRequest.parse(mapper, body);
        } catch (InvalidRequestException e) {
            return error(400, "invalid_request_error", e.getMessage(), requestId);
        }
        Reply reply = api.answer(request, requestId);
        return Uni.createFrom()
                .item(reply)
                .onItem()
                .delayIt()
                .by(reply.delay())
                .onItem()
                .transform(answer -> toResponse(answer, request.stream()));
    }

    private Response toResponse(Reply reply, boolean stream) {
        if (stream && reply.body() instanceof MessageResponse) {
            stats.streamedOne();
        }
        Response.ResponseBuilder builder = stream && reply.body() instanceof MessageResponse message
                ? Response.ok(streams.encode(message)).type("text/event-stream")
                : Response.status(reply.status())
                        .type(MediaType.APPLICATION_JSON)
                        .entity(reply.body());
        reply.headers().forEach(builder::header);
        return builder.build();
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static Uni<Response> error(int status, String type, String message, String requestId) {
        Response response = Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .header("request-id", requestId)
                .entity(ApiError.of(type, message, requestId))
                .build();
        return Uni.createFrom().item(response);
    }
}
