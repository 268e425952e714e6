package dev.trainyard.builder.rest;

import dev.trainyard.builder.service.InvalidInput;
import dev.trainyard.builder.service.TrainingFileNotFound;
import dev.trainyard.builder.service.TrainingFileService;
import dev.trainyard.builder.store.TrainingFile;
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
import java.util.List;
import java.util.UUID;

/** Creating, listing and reading training files. Every route is scoped to the caller's tenant. */
@Path("/api/training-files")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingFileResource {

    private final TrainingFileService files;
    private final Caller caller;

    public TrainingFileResource(TrainingFileService files, Caller caller) {
        this.files = files;
        this.caller = caller;
    }

    /** Creates an empty file: 201 with the file and its Location. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(CreateTrainingFileRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "a JSON body with at least a name is required");
        }
        return files.create(
                        caller.tenant(),
                        request.name(),
                        request.description(),
                        request.format(),
                        request.validationFraction())
                .map(file -> Response.created(URI.create("/api/training-files/" + file.id()))
                        .entity(view(file))
                        .build());
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

    private TrainingFileView view(TrainingFile file) {
        return TrainingFileView.of(file, files.warningsFor(file));
    }

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
