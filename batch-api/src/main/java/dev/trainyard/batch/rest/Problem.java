package dev.trainyard.batch.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trainyard.batch.service.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response.
 *
 * @param field the first offending input field, when the problem is about input
 * @param errors every offending field with its message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public static Problem invalid(List<FieldError> errors, String detail) {
        String first = errors.isEmpty() ? null : errors.get(0).field();
        return new Problem("/problems/invalid-request", "Invalid request", 400, detail, first, errors);
    }
}
