package dev.trainyard.builder.service;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trainyard.model.Conversation;
import dev.trainyard.model.Turn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Turns a conversation into the lines of a training-file format and checks every line against that format
 * before anything is written. Stateless: the cost is that of the conversation, never of the file.
 */
public final class TrainingLineWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private final LineValidator validator = new LineValidator();

    /** The conversation's lines in {@code format}, or the reason it cannot be a training example. */
    public FormattedConversation format(LineFormat format, Conversation conversation) {
        Optional<String> problem = problemOf(conversation);
        if (problem.isPresent()) {
            return FormattedConversation.rejected(problem.get());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimateSize(conversation));
        int lines = writeLines(format, conversation, out);
        byte[] bytes = out.toByteArray();
        Optional<String> invalid = validator.problemOf(format, bytes);
        if (invalid.isPresent()) {
            return FormattedConversation.rejected(invalid.get());
        }
        return new FormattedConversation(bytes, lines, estimateTokens(conversation, format, lines), Optional.empty());
    }

    private static Optional<String> problemOf(Conversation conversation) {
        if (conversation == null) {
            return Optional.of("conversation is missing");
        }
        Optional<String> shape = conversation.problem();
        if (shape.isPresent()) {
            return shape;
        }
        if (!isWellFormedUtf16(conversation.systemPrompt())) {
            return Optional.of("system prompt holds an unpaired surrogate (not valid UTF-8)");
        }
        for (int i = 0; i < conversation.turns().size(); i++) {
            if (!isWellFormedUtf16(conversation.turns().get(i).content())) {
                return Optional.of("turn " + (i + 1) + " holds an unpaired surrogate (not valid UTF-8)");
            }
        }
        return Optional.empty();
    }

    private static int writeLines(LineFormat format, Conversation conversation, ByteArrayOutputStream out) {
        List<Turn> turns = conversation.turns();
        switch (format) {
            case OPENAI_CHAT -> writeOpenAiLine(out, conversation.systemPrompt(), turns);
            case ANTHROPIC_MESSAGES -> writeAnthropicLine(out, conversation.systemPrompt(), turns);
            case OPENAI_CHAT_PAIRS -> {
                // One example per assistant turn, carrying the whole history that led to it.
                for (int end = 2; end <= turns.size(); end += 2) {
                    writeOpenAiLine(out, conversation.systemPrompt(), turns.subList(0, end));
                }
                return turns.size() / 2;
            }
        }
        return 1;
    }

    private static void writeOpenAiLine(ByteArrayOutputStream out, String system, List<Turn> turns) {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("messages");
            writeMessage(json, "system", system);
            writeTurns(json, turns);
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
    }

    private static void writeAnthropicLine(ByteArrayOutputStream out, String system, List<Turn> turns) {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("system", system);
            json.writeArrayFieldStart("messages");
            writeTurns(json, turns);
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
    }

    private static void writeTurns(JsonGenerator json, List<Turn> turns) throws IOException {
        for (Turn turn : turns) {
            writeMessage(json, turn.role().wireName(), turn.content());
        }
    }

    private static void writeMessage(JsonGenerator json, String role, String content) throws IOException {
        json.writeStartObject();
        json.writeStringField("role", role);
        json.writeStringField("content", content);
        json.writeEndObject();
    }

    private static boolean isWellFormedUtf16(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static int estimateSize(Conversation conversation) {
        long chars = conversation.systemPrompt().length();
        for (Turn turn : conversation.turns()) {
            chars += turn.content().length() + 40;
        }
        return (int) Math.min(Integer.MAX_VALUE - 8, chars + 64);
    }

    private static long estimateTokens(Conversation conversation, LineFormat format, int lines) {
        long chars = conversation.systemPrompt().length() * (long) lines;
        for (Turn turn : conversation.turns()) {
            chars += turn.content().length();
        }
        // Training pairs repeat the history, so the per-line estimate is rough: it is an order of magnitude.
        return Math.max(1, chars / 4);
    }
}
