package dev.trainyard.builder.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.trainyard.builder.service.ConversationIds;
import dev.trainyard.builder.service.InvalidInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The ids of a JSON array read from the request body a chunk at a time, so a request may name any number of
 * conversations without the builder holding them all.
 */
final class ConversationIdStream implements ConversationIds {

    private final JsonParser parser;
    private final String field;
    private int index;
    private boolean ended;

    /** {@code parser} must stand on the array's START_ARRAY token. */
    ConversationIdStream(JsonParser parser, String field) {
        this.parser = parser;
        this.field = field;
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidInput(field, field + " must be an array of conversation ids");
        }
    }

    @Override
    public List<UUID> next(int max) {
        List<UUID> ids = new ArrayList<>();
        try {
            while (!ended && ids.size() < max) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    ended = true;
                } else {
                    ids.add(parseId(token));
                }
            }
        } catch (IOException e) {
            throw new InvalidInput(field, field + " is not a valid JSON array");
        }
        return ids;
    }

    private UUID parseId(JsonToken token) throws IOException {
        String where = field + "[" + index++ + "]";
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidInput(where, where + " must be a conversation id (a UUID string)");
        }
        try {
            return UUID.fromString(parser.getText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(where, where + " is not a conversation id (a UUID string)");
        }
    }

    /** Reads the rest of the array, keeping nothing. */
    void drain() {
        while (!ended) {
            next(1024);
        }
    }
}
