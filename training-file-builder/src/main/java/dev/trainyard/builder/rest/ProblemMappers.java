package dev.trainyard.builder.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.trainyard.builder.client.BatchApiUnavailable;
import dev.trainyard.builder.service.InvalidInput;
import dev.trainyard.builder.service.TrainingFileNotFound;
import dev.trainyard.builder.store.TrainingFileDamaged;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an {@code application/problem+json} answer. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response notFound(TrainingFileNotFound e) {
        return problem(Problem.of(404, "Not Found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInput e) {
        return problem(Problem.badField(e.field(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = fieldPath(e);
        return problem(Problem.badField(field, "unknown field " + field));
    }

    /** Declared apart so it wins over the JSON extension's own mapper, which does not answer problem+json. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping);
            return problem(Problem.badField(field, "field " + field + " has the wrong type or value"));
        }
        return problem(Problem.badField("body", "request body is not valid JSON"));
    }

    /** The file lost committed lines: the client learns which file and why it takes no more, not a bare 500. */
    @ServerExceptionMapper
    public Response damaged(TrainingFileDamaged e) {
        return problem(Problem.of(409, "Conflict", e.getMessage() + "; it takes no more lines"));
    }

    @ServerExceptionMapper
    public Response batchApiDown(BatchApiUnavailable e) {
        return problem(Problem.of(502, "Bad Gateway", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return problem(Problem.of(status, title, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("request failed", e);
        return problem(Problem.of(500, "Internal Server Error", "the request failed; see the service log"));
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
