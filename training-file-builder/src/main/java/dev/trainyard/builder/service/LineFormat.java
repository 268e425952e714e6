package dev.trainyard.builder.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The line formats a training file can be written in; the wire name is what the API accepts and shows. */
public enum LineFormat {
    /** OpenAI chat fine-tuning: one line per conversation, {"messages":[system, user, assistant, ...]}. */
    OPENAI_CHAT("openai_chat"),
    /** OpenAI chat, one line per assistant turn holding the history before it (the seed's "training pairs"). */
    OPENAI_CHAT_PAIRS("openai_chat_pairs"),
    /** Anthropic / Amazon Bedrock: {"system": "...", "messages":[user, assistant, ...]}, system kept apart. */
    ANTHROPIC_MESSAGES("anthropic_messages");

    private final String wireName;

    LineFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<LineFormat> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.wireName.equals(wanted)).findFirst();
    }

    public static String allWireNames() {
        return String.join(
                ", ", Arrays.stream(values()).map(LineFormat::wireName).toList());
    }
}
