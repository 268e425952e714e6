package dev.trainyard.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Messages API request the simulator acts on, read leniently from the JSON body the way
 * the real API accepts it: {@code system} and message {@code content} may be a string or a list of blocks.
 *
 * @param promptText every text of the system prompt and the messages, used to count input tokens
 * @param lastUserText the text of the last user message, where the prompt contract's lines are
 */
public record MessageRequest(
        String model,
        int maxTokens,
        boolean stream,
        int messageCount,
        String promptText,
        String lastUserText,
        String cachedPrefix) {

    /** Reads a request body, throwing {@link InvalidRequestException} with the real API's wording. */
    public static MessageRequest parse(ObjectMapper mapper, String body) {
        JsonNode root = readTree(mapper, body);
        String model = requireText(root, "model");
        int maxTokens = requirePositiveInt(root, "max_tokens");
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new InvalidRequestException("messages: Field required");
        }
        if (messages.isEmpty()) {
            throw new InvalidRequestException("messages: at least one message is required");
        }
        List<String> texts = new ArrayList<>();
        texts.add(textOf(root.get("system"), "system"));
        String lastUser = "";
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant")) {
                throw new InvalidRequestException("messages." + i + ".role: Input should be 'user' or 'assistant'");
            }
            String text = textOf(message.get("content"), "messages." + i + ".content");
            texts.add(text);
            if (role.equals("user")) {
                lastUser = text;
            }
        }
        if (!messages.get(0).path("role").asText().equals("user")) {
            throw new InvalidRequestException("messages: first message must use the \"user\" role");
        }
        boolean stream = root.path("stream").asBoolean(false);
        String cachedPrefix = cachedSystemPrefix(root.get("system"));
        return new MessageRequest(
                model, maxTokens, stream, messages.size(), String.join("\n", texts), lastUser, cachedPrefix);
    }

    private static JsonNode readTree(ObjectMapper mapper, String body) {
        try {
            JsonNode root = mapper.readTree(body == null ? "" : body);
            if (root == null || !root.isObject()) {
                throw new InvalidRequestException("request body must be a JSON object");
            }
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequestException("request body is not valid JSON");
        }
    }

    private static String requireText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(field + ": Field required");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidRequestException(field + ": Input should be a valid string");
        }
        return node.asText();
    }

    private static int requirePositiveInt(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(field + ": Field required");
        }
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > Integer.MAX_VALUE) {
            throw new InvalidRequestException(field + ": Input should be a positive integer");
        }
        return node.asInt();
    }

    /**
     * The system text up to and including the last block marked {@code cache_control}, the prefix the API
     * caches; empty when no block is marked.
     */
    private static String cachedSystemPrefix(JsonNode system) {
        if (system == null || !system.isArray()) {
            return "";
        }
        StringBuilder prefix = new StringBuilder();
        String cached = "";
        for (JsonNode block : system) {
            prefix.append(block.path("text").asText("")).append('\n');
            if (block.hasNonNull("cache_control")) {
                cached = prefix.toString();
            }
        }
        return cached;
    }

    /** Joins the text of a string or of a list of {@code {"type":"text","text":...}} blocks. */
    private static String textOf(JsonNode content, String field) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw new InvalidRequestException(field + ": Input should be a valid string or list of blocks");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")) {
                text.append(block.path("text").asText()).append('\n');
            }
        }
        return text.toString();
    }
}
