// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets and their fast hashes (for high-entropy tokens only; PINs and passwords use Argon2id). */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Secrets() {
    }

    public static SecureRandom random() {
        return RANDOM;
    }

    /** A URL-safe token of {@code bytes} random bytes. */
    public static String token(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** {@code digits} decimal digits, uniformly random. */
    public static String digits(int digits) {
        StringBuilder pin = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            pin.append(RANDOM.nextInt(10));
        }
        return pin.toString();
    }

    /** A password of unambiguous letters and digits (no 0/O, 1/l/I). */
    public static String password(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
