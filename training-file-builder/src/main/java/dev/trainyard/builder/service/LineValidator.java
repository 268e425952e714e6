package dev.trainyard.builder.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Checks lines as the fine-tuning services do, independently of how they were produced: framing (UTF-8, one
 * object per {@code \n}-terminated line, no blank line), keys, roles, alternation and non-empty content.
 */
public final class LineValidator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> OPENAI_LINE_KEYS = Set.of("messages");
    private static final Set<String> ANTHROPIC_LINE_KEYS = Set.of("system", "messages");
    private static final Set<String> MESSAGE_KEYS = Set.of("role", "content");

    /** The first problem of the {@code \n}-terminated lines in {@code bytes}, if any. */
    public Optional<String> problemOf(LineFormat format, byte[] bytes) {
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            return Optional.of("line does not end with a newline");
        }
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                Optional<String> problem = lineProblem(format, bytes, start, i - start);
                if (problem.isPresent()) {
                    return problem;
                }
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    private Optional<String> lineProblem(LineFormat format, byte[] bytes, int offset, int length) {
        if (length == 0) {
            return Optional.of("blank line");
        }
        if (offset == 0 && length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb) {
            return Optional.of("line starts with a byte order mark");
        }
        if (!isStrictUtf8(bytes, offset, length)) {
            return Optional.of("line is not valid UTF-8");
        }
        JsonNode line;
        try {
            line = MAPPER.readTree(new String(bytes, offset, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.of("line is not one JSON object");
        }
        if (line == null || !line.isObject()) {
            return Optional.of("line is not one JSON object");
        }
        return format == LineFormat.ANTHROPIC_MESSAGES ? anthropicProblem(line) : openAiProblem(line);
    }

    private static Optional<String> openAiProblem(JsonNode line) {
        Optional<String> keys = extraKey(line, OPENAI_LINE_KEYS, "line");
        if (keys.isPresent()) {
            return keys;
        }
        JsonNode messages = line.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return Optional.of("messages is missing or empty");
        }
        int first = 0;
        if ("system".equals(messages.get(0).path("role").asText())) {
            Optional<String> system = messageProblem(messages.get(0), 0);
            if (system.isPresent()) {
                return system;
            }
            first = 1;
        }
        return turnsProblem(messages, first);
    }

    private static Optional<String> anthropicProblem(JsonNode line) {
        Optional<String> keys = extraKey(line, ANTHROPIC_LINE_KEYS, "line");
        if (keys.isPresent()) {
            return keys;
        }
        JsonNode system = line.get("system");
        if (system == null || !system.isTextual() || system.asText().isBlank()) {
            return Optional.of("system is missing or empty");
        }
        JsonNode messages = line.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return Optional.of("messages is missing or empty");
        }
        return turnsProblem(messages, 0);
    }

    private static Optional<String> turnsProblem(JsonNode messages, int first) {
        if (messages.size() <= first) {
            return Optional.of("no user or assistant message");
        }
        for (int i = first; i < messages.size(); i++) {
            String expected = (i - first) % 2 == 0 ? "user" : "assistant";
            Optional<String> problem = messageProblem(messages.get(i), i);
            if (problem.isPresent()) {
                return problem;
            }
            if (!expected.equals(messages.get(i).get("role").asText())) {
                return Optional.of("message " + (i + 1) + " should have role " + expected);
            }
        }
        if (!"assistant".equals(messages.get(messages.size() - 1).get("role").asText())) {
            return Optional.of("last message should have role assistant");
        }
        return Optional.empty();
    }

    private static Optional<String> messageProblem(JsonNode message, int index) {
        if (!message.isObject()) {
            return Optional.of("message " + (index + 1) + " is not an object");
        }
        Optional<String> keys = extraKey(message, MESSAGE_KEYS, "message " + (index + 1));
        if (keys.isPresent()) {
            return keys;
        }
        JsonNode content = message.get("content");
        if (!message.path("role").isTextual() || content == null || !content.isTextual()) {
            return Optional.of("message " + (index + 1) + " needs a role and a text content");
        }
        if (content.asText().isBlank()) {
            return Optional.of("message " + (index + 1) + " has empty content");
        }
        return Optional.empty();
    }

    private static Optional<String> extraKey(JsonNode node, Set<String> allowed, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                return Optional.of(where + " has an unexpected key " + name);
            }
        }
        return Optional.empty();
    }

    private static boolean isStrictUtf8(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
