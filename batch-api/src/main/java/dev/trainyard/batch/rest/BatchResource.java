package dev.trainyard.batch.rest;

import dev.trainyard.batch.config.BatchApiConfig;
import dev.trainyard.batch.service.BatchControlService;
import dev.trainyard.batch.service.BatchService;
import dev.trainyard.batch.store.BatchDetails;
import dev.trainyard.batch.store.ItemFilter;
import dev.trainyard.batch.store.ItemStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Batches of conversations to generate: submit one, then follow its progress. */
@Path("/api/batches")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private static final java.time.Duration LOOKUP_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final BatchService batches;
    private final CurrentTenant tenant;
    private final BatchApiConfig config;
    private final BatchControlService control;
    private final ItemStore items;
    private final ProgressStream progress;

    public BatchResource(
            BatchService batches,
            BatchControlService control,
            ItemStore items,
            ProgressStream progress,
            CurrentTenant tenant,
            BatchApiConfig config) {
        this.batches = batches;
        this.items = items;
        this.progress = progress;
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

    /** The tenant's batches, newest first, optionally of one status. */
    @GET
    public Uni<PageView<BatchView>> list(
            @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        PageView.check(page, size);
        String wanted = PageView.status(status, PageView.BATCH_STATUSES);
        return batches.list(tenant.get(), wanted, page, size).map(found -> PageView.of(found.map(this::view)));
    }

    /** The batch's items in order, optionally of one status. */
    @GET
    @Path("/{id}/items")
    public Uni<PageView<ItemView>> items(
            @PathParam("id") UUID id,
            @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        PageView.check(page, size);
        String wanted = PageView.status(status, PageView.ITEM_STATUSES);
        String owner = tenant.get();
        return batches.get(owner, id)
                .flatMap(found -> items.list(owner, new ItemFilter(id, wanted, null, null), page, size))
                .map(found -> PageView.of(found.map(ItemView::of)));
    }

    /**
     * Server-Sent Events: the batch's progress now and whenever it changes; the stream ends after the batch
     * reaches a final status.
     */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<BatchView> events(@PathParam("id") UUID id) {
        String owner = tenant.get();
        // Looked up before the stream starts so an unknown or foreign id answers a plain 404 instead of a
        // broken stream. @Blocking puts this on a worker thread, where waiting is allowed.
        batches.get(owner, id).await().atMost(LOOKUP_TIMEOUT);
        return progress.follow(owner, id);
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
