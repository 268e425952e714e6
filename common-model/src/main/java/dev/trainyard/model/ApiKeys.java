package dev.trainyard.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Maps bearer API keys to tenants. Keys are held only as SHA-256 hashes: the configuration lists
 * {@code tenant:sha256hex} pairs separated by commas (for example the value of {@code TRAINYARD_API_KEYS}),
 * so a leaked configuration does not leak a key. Every service with an {@code /api} route uses this.
 */
public final class ApiKeys {

    private final Map<String, String> tenantByHash;

    private ApiKeys(Map<String, String> tenantByHash) {
        this.tenantByHash = Map.copyOf(tenantByHash);
    }

    /**
     * Parses {@code tenant:sha256hex[,tenant:sha256hex...]}; blank entries are ignored.
     *
     * @throws IllegalArgumentException naming the bad entry (never echoing a hash in full)
     */
    public static ApiKeys parse(String spec) {
        Map<String, String> byHash = new HashMap<>();
        if (spec != null) {
            for (String entry : spec.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                String tenant = colon > 0 ? trimmed.substring(0, colon).trim() : "";
                String hash = colon > 0 ? trimmed.substring(colon + 1).trim().toLowerCase() : "";
                if (tenant.isEmpty() || !hash.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException(
                            "API key entry " + (byHash.size() + 1) + " is not tenant:sha256hex of 64 hex digits");
                }
                byHash.put(hash, tenant);
            }
        }
        return new ApiKeys(byHash);
    }

    /** The tenant a presented key belongs to, if any. */
    public Optional<String> tenantOf(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(tenantByHash.get(sha256Hex(presentedKey)));
    }

    /** Extracts the key from an {@code Authorization: Bearer <key>} header value. */
    public static Optional<String> bearerKey(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = authorizationHeader.substring(7).trim();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    public boolean isEmpty() {
        return tenantByHash.isEmpty();
    }

    public static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
