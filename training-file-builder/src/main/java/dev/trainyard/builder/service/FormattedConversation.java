package dev.trainyard.builder.service;

import java.util.Optional;

/**
 * A conversation turned into the lines of a file's format, or the reason it cannot be.
 *
 * @param bytes the lines, UTF-8, each ending in {@code \n}; empty when rejected
 * @param lineCount number of lines in {@code bytes}
 * @param estimatedTokens a rough token count (characters / 4) of the written content
 * @param rejection why the conversation was not written, when it was not
 */
public record FormattedConversation(byte[] bytes, int lineCount, long estimatedTokens, Optional<String> rejection) {

    static FormattedConversation rejected(String reason) {
        return new FormattedConversation(new byte[0], 0, 0, Optional.of(reason));
    }

    public boolean isRejected() {
        return rejection.isPresent();
    }
}
