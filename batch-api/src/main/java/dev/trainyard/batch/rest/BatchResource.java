package dev.trainyard.batch.rest;

import dev.trainyard.batch.config.BatchApiConfig;
import dev.trainyard.batch.service.BatchControlService;
import dev.trainyard.batch.service.BatchDetails;
import dev.trainyard.batch.service.BatchService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** Batches of conversations to generate: submit one, then follow its progress. */
@Path("/api/batches")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private final BatchService batches;
    private final CurrentTenant tenant;
    private final BatchApiConfig config;
    private final BatchControlService control;

    public BatchResource(
            BatchService batches, BatchControlService control, CurrentTenant tenant, BatchApiConfig config) {
        this.batches = batches;
        this.control = control;
        this.tenant = tenant;
        this.config = config;
    }

    /** Accepts a batch: 202 once the batch, its items and their Kafka records are durably stored. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(CreateBatchRequest request) {
        return batches.submit(tenant.get(), request, "http")
                .map(details -> Response.accepted(view(details))
                        .location(URI.create("/api/batches/" + details.batch().id()))
                        .build());
    }

    @GET
    @Path("/{id}")
    public Uni<BatchView> get(@PathParam("id") UUID id) {
        return batches.get(tenant.get(), id).map(this::view);
    }

    /** Cancels the batch's open items; workers skip them from then on. */
    @POST
    @Path("/{id}/cancel")
    public Uni<BatchView> cancel(@PathParam("id") UUID id) {
        return control.cancel(tenant.get(), id).map(this::view);
    }

    /** Re-publishes the batch's failed items with a new attempt number. */
    @POST
    @Path("/{id}/retry-failed")
    public Uni<Response> retryFailed(@PathParam("id") UUID id) {
        return control.retryFailed(tenant.get(), id)
                .map(details -> Response.accepted(view(details)).build());
    }

    private BatchView view(BatchDetails details) {
        return BatchView.of(details, config.pricing(), Instant.now());
    }
}
