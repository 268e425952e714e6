package dev.trainyard.worker.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The Messages API endpoint. It answers a raw {@link Response} (the default exception mapper is off)
 * because status, error body and rate-limit headers all decide what the worker does next; only
 * {@link ClaudeClient} calls it.
 */
@RegisterRestClient(configKey = "claude")
@Path("/v1/messages")
interface MessagesApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> create(
            @HeaderParam("x-api-key") String apiKey,
            @HeaderParam("anthropic-version") String anthropicVersion,
            MessagesRequest request);
}
