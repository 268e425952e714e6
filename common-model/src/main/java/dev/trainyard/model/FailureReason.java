package dev.trainyard.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a generation failed for good. Each reason is a stable code clients can filter on. */
public enum FailureReason {
    /** The model stopped at max_tokens even after a retry with a larger budget. */
    @JsonProperty("truncated")
    TRUNCATED,
    /** The model declined to produce the conversation. */
    @JsonProperty("refusal")
    REFUSAL,
    /** The prompt and output no longer fit the model's context window. */
    @JsonProperty("context_window_exceeded")
    CONTEXT_WINDOW_EXCEEDED,
    /** The output did not parse as a conversation or broke role alternation. */
    @JsonProperty("invalid_output")
    INVALID_OUTPUT,
    /** The API rejected the request itself (400, 413): retrying cannot help. */
    @JsonProperty("invalid_request")
    INVALID_REQUEST,
    /** The API answered 401 or 403. */
    @JsonProperty("unauthorized")
    UNAUTHORIZED,
    /** Retries on overload, server errors or timeouts ran out. */
    @JsonProperty("upstream_unavailable")
    UPSTREAM_UNAVAILABLE,
    /** The request record itself could not be processed. */
    @JsonProperty("invalid_record")
    INVALID_RECORD;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
