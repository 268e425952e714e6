package dev.trainyard.simulator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The Messages API's error body: {@code {"type":"error","error":{"type":...,"message":...},"request_id":...}}.
 */
public record ApiError(
        String type,
        Detail error,
        @JsonProperty("request_id") String requestId) {

    /** The error's machine-readable type (for example {@code rate_limit_error}) and its message. */
    public record Detail(String type, String message) {}

    public static ApiError of(String errorType, String message, String requestId) {
        return new ApiError("error", new Detail(errorType, message), requestId);
    }
}
