package dev.trainyard.builder.service;

import java.util.List;
import java.util.UUID;

/** A source of conversation ids read a chunk at a time (for instance from a request body being received). */
public interface ConversationIds {

    /** Up to {@code max} next ids; empty once all were read. */
    List<UUID> next(int max);

    static ConversationIds of(List<UUID> ids) {
        return new ConversationIds() {
            private int position;

            @Override
            public List<UUID> next(int max) {
                List<UUID> chunk = ids.subList(position, Math.min(ids.size(), position + max));
                position += chunk.size();
                return chunk;
            }
        };
    }
}
