package dev.trainyard.batch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Names the field a JSON parsing error is about, the same way for HTTP bodies and Kafka records. */
public final class JsonErrors {

    private JsonErrors() {}

    public static String field(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    public static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Duplicate field")) {
            return "duplicate field " + original.substring("Duplicate field ".length());
        }
        return e instanceof JsonMappingException ? "wrong type or malformed value" : "malformed JSON";
    }

    /** The error as an {@link InvalidRequestException} naming its field. */
    public static InvalidRequestException invalid(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? field(mapping) : "body";
        return new InvalidRequestException(field, message(e));
    }
}
