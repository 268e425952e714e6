package dev.trainyard.builder.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.trainyard.builder.service.InvalidInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Reads request bodies field by field with a streaming parser, so that an array of conversation ids of any
 * length is consumed as it arrives. Strict like the rest of the API: unknown fields and wrong types are a 400
 * naming the field.
 */
final class CreateRequestReader {

    static final Set<String> ID_FIELDS = Set.of("conversationIds", "conversation_ids");
    private static final JsonFactory JSON = new JsonFactory();

    /** What to do with the body's fields, in the order they come. */
    interface Fields {
        void text(String field, String value);

        void number(String field, Double value);

        /** Called with the parser on the ids array's START_ARRAY; must read the array to its end. */
        void ids(ConversationIdStream ids);

        boolean isText(String field);

        boolean isNumber(String field);
    }

    private CreateRequestReader() {}

    static void read(InputStream body, Fields fields) {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidInput("body", "a JSON object body is required");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInput("body", "the body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                readField(parser, field, value, fields);
            }
        } catch (IOException e) {
            throw new InvalidInput("body", "request body is not valid JSON");
        }
    }

    private static void readField(JsonParser parser, String field, JsonToken value, Fields fields) throws IOException {
        if (ID_FIELDS.contains(field)) {
            ConversationIdStream ids = new ConversationIdStream(parser, field);
            fields.ids(ids);
            ids.drain();
        } else if (fields.isText(field)) {
            if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                throw new InvalidInput(field, field + " must be a string");
            }
            fields.text(field, value == JsonToken.VALUE_NULL ? null : parser.getText());
        } else if (fields.isNumber(field)) {
            if (!value.isNumeric() && value != JsonToken.VALUE_NULL) {
                throw new InvalidInput(field, field + " must be a number");
            }
            fields.number(field, value == JsonToken.VALUE_NULL ? null : parser.getDoubleValue());
        } else {
            throw new InvalidInput(field, "unknown field " + field);
        }
    }
}
