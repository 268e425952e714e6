package dev.trainyard.simulator.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A misbehaviour the simulator can inject into one response. */
public enum Fault {
    @JsonProperty("none")
    NONE,
    /** 529 overloaded_error. */
    @JsonProperty("overloaded")
    OVERLOADED,
    /** 500 api_error. */
    @JsonProperty("server_error")
    SERVER_ERROR,
    /** 429 rate_limit_error with retry-after, as when the limit is hit. */
    @JsonProperty("rate_limited")
    RATE_LIMITED,
    /** 429 rate_limit_error without retry-after: the spend limit is reached. */
    @JsonProperty("budget_spent")
    BUDGET_SPENT,
    /** 413 request_too_large. */
    @JsonProperty("too_large")
    TOO_LARGE,
    /** The answer comes late by the configured extra time. */
    @JsonProperty("slow")
    SLOW,
    /** No answer until the hang time has passed. */
    @JsonProperty("hang")
    HANG,
    /** The answer stops early with stop reason max_tokens. */
    @JsonProperty("truncation")
    TRUNCATION,
    /** The answer is a refusal (stop reason refusal). */
    @JsonProperty("refusal")
    REFUSAL,
    /** The model ran out of context window (stop reason model_context_window_exceeded). */
    @JsonProperty("context_window")
    CONTEXT_WINDOW,
    /** The answer is prose instead of the requested JSON. */
    @JsonProperty("invalid_output")
    INVALID_OUTPUT
}
