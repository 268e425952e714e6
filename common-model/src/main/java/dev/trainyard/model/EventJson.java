package dev.trainyard.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON settings of every event on the wire, for code outside a Quarkus application (tests, tools).
 * Quarkus services apply the same settings to their own mapper with {@link #configure(ObjectMapper)}.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private EventJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Unknown properties are ignored so producers may add fields without breaking older consumers;
     * incompatible changes bump {@code schemaVersion} instead. Instants are ISO-8601 strings.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    }
}
