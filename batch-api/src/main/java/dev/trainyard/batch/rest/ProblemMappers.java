package dev.trainyard.batch.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.trainyard.batch.service.ConflictException;
import dev.trainyard.batch.service.FieldError;
import dev.trainyard.batch.service.InvalidRequestException;
import dev.trainyard.batch.service.JsonErrors;
import dev.trainyard.batch.service.NotFoundException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into application/problem+json, naming the offending field for bad input. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return respond(Problem.invalid(e.errors(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(Problem.of(404, "Not found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return respond(Problem.of(409, "Conflict", e.getMessage()));
    }

    /** Unknown fields, wrong types and malformed JSON in a request body. */
    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? JsonErrors.field(mapping) : "body";
        String message = JsonErrors.message(e);
        List<FieldError> errors = List.of(new FieldError(field, message));
        return respond(Problem.invalid(errors, field + ": " + message));
    }

    /** Registered for the exact types Quarkus' own Jackson mappers handle, so ours win. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformed(JsonParseException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(Problem.of(status, title, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.errorf(e, "Unexpected error answering a request");
        return respond(Problem.of(500, "Internal Server Error", "the server could not complete the request"));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
