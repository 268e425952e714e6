package dev.trainyard.simulator.service;

/** Token counts the way Claude's tokenizer roughly behaves for English: about four characters a token. */
public final class Tokens {

    private static final int CHARS_PER_TOKEN = 4;

    private Tokens() {}

    public static long estimate(String text) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        return Math.max(1, (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }

    /** The longest prefix of {@code text} that fits in {@code tokens}. */
    public static String truncate(String text, long tokens) {
        long chars = tokens * CHARS_PER_TOKEN;
        return text.length() <= chars ? text : text.substring(0, (int) chars);
    }
}
