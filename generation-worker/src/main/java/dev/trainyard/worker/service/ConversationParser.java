package dev.trainyard.worker.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.model.Conversation;
import dev.trainyard.model.Role;
import dev.trainyard.model.Turn;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the model's text as the conversation the prompt asked for and checks it is a usable training
 * example with the requested number of exchanges. A ```json fence around the object is tolerated.
 */
@ApplicationScoped
public class ConversationParser {

    private final ObjectMapper mapper;

    public ConversationParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The conversation, or an {@link InvalidOutputException} saying what is wrong with the text. */
    public Conversation parse(String text, int expectedExchanges) {
        JsonNode root = readObject(stripFence(text));
        Conversation conversation = new Conversation(root.path("system_prompt").asText(null), turns(root));
        conversation.problem().ifPresent(problem -> {
            throw new InvalidOutputException(problem);
        });
        if (conversation.turns().size() != 2 * expectedExchanges) {
            throw new InvalidOutputException("expected " + expectedExchanges + " exchanges, got "
                    + conversation.turns().size() / 2.0);
        }
        return conversation;
    }

    private static String stripFence(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith("```")) {
            int firstLineEnd = trimmed.indexOf('\n');
            int closing = trimmed.lastIndexOf("```");
            if (firstLineEnd > 0 && closing > firstLineEnd) {
                return trimmed.substring(firstLineEnd + 1, closing).strip();
            }
        }
        return trimmed;
    }

    private JsonNode readObject(String json) {
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || !root.isObject()) {
                throw new InvalidOutputException("output is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidOutputException("output is not valid JSON");
        }
    }

    private static List<Turn> turns(JsonNode root) {
        JsonNode turns = root.path("turns");
        if (!turns.isArray()) {
            throw new InvalidOutputException("output has no turns array");
        }
        List<Turn> result = new ArrayList<>();
        for (JsonNode turn : turns) {
            result.add(new Turn(
                    role(turn.path("role").asText("")), turn.path("content").asText(null)));
        }
        return result;
    }

    private static Role role(String wire) {
        for (Role role : Role.values()) {
            if (role.wireName().equals(wire)) {
                return role;
            }
        }
        throw new InvalidOutputException("unknown role '" + wire + "'");
    }
}
