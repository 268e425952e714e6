package dev.trainyard.builder.service;

import dev.trainyard.model.Conversation;
import java.util.UUID;

/** A conversation to append, with the id that makes it appear in a file at most once. */
public record IncomingConversation(UUID conversationId, Conversation conversation) {}
