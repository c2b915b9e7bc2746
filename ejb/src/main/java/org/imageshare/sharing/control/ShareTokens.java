// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.imageshare.platform.control.Secrets;

/**
 * Share-link tokens: 256 random bits from SecureRandom, base64url without padding (43 characters); stored
 * only as their SHA-256 (hex). A high-entropy token needs no slow hash: nobody can guess one to test
 * against a leaked hash.
 */
public final class ShareTokens {

    public static final int TOKEN_BYTES = 32;
    public static final int TOKEN_LENGTH = 43;
    /** Longer input is cut before hashing, so a huge path costs no more than a real token. */
    private static final int MAX_INPUT = 128;

    private ShareTokens() {
    }

    public static String newToken() {
        return Secrets.token(TOKEN_BYTES);
    }

    /** SHA-256 (lower-case hex) of what the link carried; any input, also a tampered or empty one. */
    public static String hash(String token) {
        String input = token == null ? "" : token.length() > MAX_INPUT ? token.substring(0, MAX_INPUT) : token;
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hashes (time depends only on the lengths). */
    public static boolean sameHash(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the text has the shape of a token we issue (for the page only; lookup is by hash anyway). */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
