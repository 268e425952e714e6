package dev.trainyard.testsupport;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C traceparent (https://www.w3.org/TR/trace-context/): version 00, a 16-byte trace id, the 8-byte id of
 * the parent span, and flags (01: sampled). Tests send one to start a trace of their own and read the ones the
 * services write.
 */
public record Traceparent(String traceId, String spanId, String flags) {

    /** A sampled traceparent with fresh random ids. */
    public static Traceparent random() {
        return new Traceparent(randomHex(16), randomHex(8), "01");
    }

    /** @throws IllegalArgumentException unless the header is a version-00 traceparent */
    public static Traceparent parse(String header) {
        String[] parts = header.split("-");
        if (parts.length != 4 || !parts[0].equals("00")) {
            throw new IllegalArgumentException("not a version-00 traceparent: " + header);
        }
        return new Traceparent(parts[1], parts[2], parts[3]);
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
