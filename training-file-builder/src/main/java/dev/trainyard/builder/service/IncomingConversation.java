package dev.trainyard.builder.service;

import dev.trainyard.model.Conversation;
import java.util.UUID;

/**
 * A conversation to append, with the id that makes it appear in a file at most once.
 *
 * @param unavailableReason set when the conversation could not be obtained; it is then recorded as rejected
 */
public record IncomingConversation(UUID conversationId, Conversation conversation, String unavailableReason) {

    public IncomingConversation(UUID conversationId, Conversation conversation) {
        this(conversationId, conversation, null);
    }

    public static IncomingConversation unavailable(UUID conversationId, String reason) {
        return new IncomingConversation(conversationId, null, reason);
    }
}
