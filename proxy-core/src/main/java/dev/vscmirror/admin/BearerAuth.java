package dev.vscmirror.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks {@code Authorization: Bearer <token>} in constant time. The token is never logged or echoed. */
final class BearerAuth {
    private final byte[] expectedDigest;

    /** @param token the configured token; null means no token is configured */
    BearerAuth(String token) {
        this.expectedDigest = token == null || token.isEmpty() ? null : sha256(token);
    }

    boolean configured() {
        return expectedDigest != null;
    }

    /** Whether {@code authorization} is {@code Bearer <the token>}; false when no token is configured. */
    boolean accepts(String authorization) {
        if (expectedDigest == null || authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // Comparing fixed-length digests keeps the comparison time independent of the token's length too.
        return MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(7).trim()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
