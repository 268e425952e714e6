package dev.trainyard.batch.rest;

import dev.trainyard.batch.service.NotFoundException;
import dev.trainyard.batch.store.ItemFilter;
import dev.trainyard.batch.store.ItemStore;
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
import java.util.UUID;

/**
 * Generated conversations with their metadata, and failed generations with their reason and raw output.
 * training-file-builder reads single conversations here to add them to a file by id.
 */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ItemStore items;
    private final CurrentTenant tenant;
    private final SeedCompatResource seed;

    public ConversationResource(ItemStore items, CurrentTenant tenant, SeedCompatResource seed) {
        this.items = items;
        this.tenant = tenant;
        this.seed = seed;
    }

    /** The previous system's way to start a batch; see {@link SeedCompatResource}. */
    @POST
    @Path("/generate-batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> generateBatch(SeedBatchRequest request) {
        return seed.generateBatch(request);
    }

    /** Filters combine; {@code status} is an item status (completed, failed, ...). Newest first. */
    @GET
    public Uni<PageView<ConversationView>> list(
            @QueryParam("batchId") UUID batchId,
            @QueryParam("status") String status,
            @QueryParam("persona") String persona,
            @QueryParam("topic") String topic,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        PageView.check(page, size);
        ItemFilter filter = new ItemFilter(batchId, PageView.status(status, PageView.ITEM_STATUSES), persona, topic);
        return items.list(tenant.get(), filter, page, size).map(found -> PageView.of(found.map(ConversationView::of)));
    }

    @GET
    @Path("/{id}")
    public Uni<ConversationView> get(@PathParam("id") UUID id) {
        return items.find(tenant.get(), id)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("conversation", id))
                .map(ConversationView::of);
    }
}
