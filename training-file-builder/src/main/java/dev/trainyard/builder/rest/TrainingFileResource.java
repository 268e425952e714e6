package dev.trainyard.builder.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.trainyard.builder.service.AppendResult;
import dev.trainyard.builder.service.ConversationIds;
import dev.trainyard.builder.service.ConversationImport;
import dev.trainyard.builder.service.ImportProgress;
import dev.trainyard.builder.service.InvalidInput;
import dev.trainyard.builder.service.TrainingFileNotFound;
import dev.trainyard.builder.service.TrainingFileService;
import dev.trainyard.builder.store.RejectedConversation;
import dev.trainyard.builder.store.TrainingFile;
import io.smallrye.common.annotation.Blocking;
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
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Creating, listing and reading training files. Every route is scoped to the caller's tenant. */
@Path("/api/training-files")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingFileResource {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final TrainingFileService files;
    private final ConversationImport imports;
    private final ImportProgress progress;
    private final Caller caller;

    public TrainingFileResource(
            TrainingFileService files, ConversationImport imports, ImportProgress progress, Caller caller) {
        this.files = files;
        this.imports = imports;
        this.progress = progress;
        this.caller = caller;
    }

    /**
     * Creates a file: 201 with the file and its Location. Conversation ids in {@code conversationIds} (any number)
     * are appended as they are read; they are streamed when they come after the other fields.
     */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        CreateFileFields fields = new CreateFileFields();
        CreateRequestReader.read(body, fields);
        TrainingFile file = fields.createIfNeeded();
        AppendResult added = fields.addBufferedIds();
        TrainingFile current = files.find(caller.tenant(), file.id()).await().atMost(TIMEOUT);
        return Response.created(URI.create("/api/training-files/" + file.id()))
                .entity(new CreatedFile(view(current), added))
                .build();
    }

    /** Appends conversations of batch-api by id (any number, streamed); already present ones are skipped. */
    @POST
    @Path("/{id}/conversations")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    public AddedConversations addConversations(@PathParam("id") String id, InputStream body) {
        TrainingFile file =
                files.find(caller.tenant(), Params.fileId(id)).await().atMost(TIMEOUT);
        AppendResult[] added = {AppendResult.NOTHING};
        CreateRequestReader.read(body, new IdsOnly(ids -> added[0] = added[0].plus(imports.addAll(file.id(), ids))));
        TrainingFile current = files.find(caller.tenant(), file.id()).await().atMost(TIMEOUT);
        return new AddedConversations(added[0], view(current));
    }

    /** The seed's route for {@link #addConversations}, same body ({@code conversation_ids} also accepted). */
    @POST
    @Path("/{id}/add-conversations")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    public AddedConversations addConversationsSeedRoute(@PathParam("id") String id, InputStream body) {
        return addConversations(id, body);
    }

    /** Conversations that failed validation (or could not be fetched) and were skipped, with the reason. */
    @GET
    @Path("/{id}/rejections")
    public Uni<List<RejectedConversation>> rejections(@PathParam("id") String id) {
        UUID fileId = Params.fileId(id);
        return files.find(caller.tenant(), fileId).chain(file -> files.rejections(file.id()));
    }

    /** The caller's files, newest first. */
    @GET
    public Uni<FileList> list(
            @QueryParam("limit") @DefaultValue("50") String limit,
            @QueryParam("offset") @DefaultValue("0") String offset) {
        int pageSize = Params.integer("limit", limit);
        long skip = Params.integer("offset", offset);
        return files.list(caller.tenant(), pageSize, skip)
                .map(found -> new FileList(found.stream().map(this::view).toList(), pageSize, skip));
    }

    @GET
    @Path("/{id}")
    public Uni<TrainingFileView> get(@PathParam("id") String id) {
        return files.find(caller.tenant(), Params.fileId(id)).map(this::view);
    }

    /** Collects the create body's fields; creates the file once its metadata is read and ids start. */
    private final class CreateFileFields implements CreateRequestReader.Fields {
        private String name;
        private String description;
        private String format;
        private Double validationFraction;
        private TrainingFile created;
        private final List<UUID> idsBeforeMetadata = new ArrayList<>();
        private AppendResult added = AppendResult.NOTHING;

        @Override
        public boolean isText(String field) {
            return field.equals("name") || field.equals("description") || field.equals("format");
        }

        @Override
        public boolean isNumber(String field) {
            return field.equals("validationFraction");
        }

        @Override
        public void text(String field, String value) {
            refuseAfterCreation(field);
            switch (field) {
                case "name" -> name = value;
                case "description" -> description = value;
                default -> format = value;
            }
        }

        @Override
        public void number(String field, Double value) {
            refuseAfterCreation(field);
            validationFraction = value;
        }

        @Override
        public void ids(ConversationIdStream ids) {
            if (name == null) {
                // The metadata is not known yet: the ids wait in memory until the body ends.
                for (List<UUID> chunk = ids.next(1000); !chunk.isEmpty(); chunk = ids.next(1000)) {
                    idsBeforeMetadata.addAll(chunk);
                }
                return;
            }
            TrainingFile file = createIfNeeded();
            added = added.plus(imports.addAll(file.id(), ids));
        }

        TrainingFile createIfNeeded() {
            if (created == null) {
                created = files.create(caller.tenant(), name, description, format, validationFraction)
                        .await()
                        .atMost(TIMEOUT);
            }
            return created;
        }

        AppendResult addBufferedIds() {
            if (!idsBeforeMetadata.isEmpty()) {
                added = added.plus(imports.addAll(created.id(), ConversationIds.of(idsBeforeMetadata)));
            }
            return added;
        }

        private void refuseAfterCreation(String field) {
            if (created != null) {
                throw new InvalidInput(field, field + " must come before conversationIds");
            }
        }
    }

    /** A body holding only conversation ids. */
    private record IdsOnly(java.util.function.Consumer<ConversationIdStream> onIds)
            implements CreateRequestReader.Fields {

        @Override
        public void text(String field, String value) {
            throw new IllegalStateException("no text field");
        }

        @Override
        public void number(String field, Double value) {
            throw new IllegalStateException("no number field");
        }

        @Override
        public void ids(ConversationIdStream ids) {
            onIds.accept(ids);
        }

        @Override
        public boolean isText(String field) {
            return false;
        }

        @Override
        public boolean isNumber(String field) {
            return false;
        }
    }

    private TrainingFileView view(TrainingFile file) {
        return TrainingFileView.of(file, files.warningsFor(file), progress.of(file.id()));
    }

    /** The answer to a create: the file, and what was appended from {@code conversationIds}. */
    public record CreatedFile(@JsonUnwrapped TrainingFileView file, AppendResult added) {}

    /** The answer to an add: what was appended, and the file afterwards. */
    public record AddedConversations(AppendResult added, TrainingFileView file) {}

    /** A page of files. */
    public record FileList(List<TrainingFileView> items, int limit, long offset) {}

    /** Request parameters read by hand so that a bad value is a 400 naming it, not a bare 404. */
    static final class Params {

        private Params() {}

        static UUID fileId(String id) {
            try {
                return UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                // An id that cannot exist is simply unknown.
                throw new TrainingFileNotFound(id);
            }
        }

        static int integer(String name, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInput(name, name + " must be an integer");
            }
        }
    }
}
