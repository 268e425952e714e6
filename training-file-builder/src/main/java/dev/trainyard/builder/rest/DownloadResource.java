package dev.trainyard.builder.rest;

import dev.trainyard.builder.service.InvalidInput;
import dev.trainyard.builder.service.TrainingFileExporter;
import dev.trainyard.builder.service.TrainingFileService;
import dev.trainyard.builder.service.ValidationSplit;
import dev.trainyard.builder.store.TrainingFile;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Duration;

/**
 * Streams a training file: {@code ?format=jsonl} (default) or {@code json}, {@code &split=train|validation} for
 * one side of the split. Only committed bytes are ever sent. Runs on a worker thread: reading is blocking I/O.
 */
@Path("/api/training-files/{id}/download")
public class DownloadResource {

    public static final String JSONL = "application/jsonl";
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private final TrainingFileService files;
    private final TrainingFileExporter exporter;
    private final Caller caller;

    public DownloadResource(TrainingFileService files, TrainingFileExporter exporter, Caller caller) {
        this.files = files;
        this.exporter = exporter;
        this.caller = caller;
    }

    @GET
    @Blocking
    @Produces({JSONL, "application/json"})
    public Response download(
            @PathParam("id") String id, @QueryParam("format") String format, @QueryParam("split") String split) {
        boolean json = isJson(format);
        String side = checkSplit(split);
        TrainingFile file = files.find(caller.tenant(), TrainingFileResource.Params.fileId(id))
                .await()
                .atMost(LOOKUP_TIMEOUT);
        StreamingOutput body =
                json ? out -> exporter.writeJson(file, side, out) : out -> exporter.writeJsonl(file, side, out);
        return Response.ok(body, json ? "application/json" : JSONL)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(file, side, json) + "\"")
                .build();
    }

    private static boolean isJson(String format) {
        if (format == null || format.equals("jsonl")) {
            return false;
        }
        if (format.equals("json")) {
            return true;
        }
        throw new InvalidInput("format", "format must be jsonl or json");
    }

    private static String checkSplit(String split) {
        if (split == null || split.equals("all")) {
            return null;
        }
        if (!ValidationSplit.isSplitName(split)) {
            throw new InvalidInput("split", "split must be train, validation or all");
        }
        return split;
    }

    private static String fileName(TrainingFile file, String split, boolean json) {
        return file.id() + (split == null ? "" : "-" + split) + (json ? ".json" : ".jsonl");
    }
}
