package dev.trainyard.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who speaks a turn of a conversation. The system prompt is not a turn: it lives on {@link Conversation}. */
public enum Role {
    @JsonProperty("user")
    USER,
    @JsonProperty("assistant")
    ASSISTANT;

    /** The lower-case name used on the wire and in training files. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
