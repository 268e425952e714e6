package dev.trainyard.builder.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** batch-api's conversation lookup. Used only through {@link BatchApiClient}, which owns retries. */
@RegisterRestClient(configKey = "batch-api")
@Path("/api/conversations")
interface BatchApiRestClient {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<StoredConversation> conversation(@PathParam("id") UUID id, @HeaderParam("Authorization") String authorization);
}
