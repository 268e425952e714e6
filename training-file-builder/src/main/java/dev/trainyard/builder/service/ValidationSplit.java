package dev.trainyard.builder.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Puts a conversation in the train or validation set by a stable hash of its id, so the same conversation
 * lands in the same set on every instance and every later append: sets never exchange members.
 */
public final class ValidationSplit {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";

    private ValidationSplit() {}

    /** {@link #VALIDATION} for about {@code fraction} of all ids, else {@link #TRAIN}. */
    public static String of(UUID conversationId, double fraction) {
        return position(conversationId) < fraction ? VALIDATION : TRAIN;
    }

    /** Where the id falls in [0, 1): the first 53 bits of the SHA-256 of its text form. */
    static double position(UUID conversationId) {
        byte[] digest = sha256(conversationId.toString().getBytes(StandardCharsets.US_ASCII));
        long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
        return bits / (double) (1L << 53);
    }

    public static boolean isSplitName(String name) {
        return TRAIN.equals(name) || VALIDATION.equals(name);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
