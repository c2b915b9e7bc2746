// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.imageshare.staff.control.StaffCredentialsChanged;

/**
 * Remembers for one minute which HTTP Basic credentials were just verified, so a script calling the staff
 * API in a loop costs one Argon2id verification a minute instead of one per call. Only a SHA-256 of the
 * header value is kept (never the password); the user is still re-checked (enabled, roles) on every
 * request, and a password change makes the cache forget that user at once. Bounded in size.
 */
@ApplicationScoped
public class BasicCredentialCache {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(1);
    private static final int MAX_ENTRIES = 1_000;

    private record Entry(String username, long expiresAtNanos) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public synchronized Optional<String> find(String headerValue) {
        String key = digest(headerValue);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - entry.expiresAtNanos() > 0) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.username());
    }

    public synchronized void remember(String headerValue, String username) {
        entries.put(digest(headerValue), new Entry(username, System.nanoTime() + TIME_TO_LIVE.toNanos()));
    }

    synchronized void forget(@Observes StaffCredentialsChanged changed) {
        entries.values().removeIf(entry -> entry.username().equals(changed.username()));
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
