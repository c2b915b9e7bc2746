// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.imageshare.platform.control.Secrets;

/**
 * Handouts waiting to be printed. The PIN is shown once: it is kept here, in memory only, for
 * {@link #TIME_TO_PRINT} so the desk can open (and re-open, if the printer jams) the PDF, and only by the
 * staff member who enrolled. It never reaches the database or a log; a restart forgets it.
 */
@ApplicationScoped
public class PendingHandouts {

    public static final Duration TIME_TO_PRINT = Duration.ofMinutes(15);

    /** A handout waiting to be printed. */
    public record Pending(long accountId, String pin, String staffUser, Instant expiresAt) {
        @Override
        public String toString() {
            return "Pending[account=" + accountId + "]";
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    public String put(long accountId, String pin, String staffUser) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.expiresAt().isBefore(now));
        pending.values().removeIf(p -> p.accountId() == accountId);
        String id = Secrets.token(18);
        pending.put(id, new Pending(accountId, pin, staffUser, now.plus(TIME_TO_PRINT)));
        return id;
    }

    public Optional<Pending> find(String id, String staffUser) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.ofNullable(pending.get(id))
                .filter(p -> p.expiresAt().isAfter(now))
                .filter(p -> p.staffUser().equals(staffUser));
    }

    /** A newer PIN or a staff action makes the pending handout of that account void. */
    public void forget(long accountId) {
        pending.values().removeIf(p -> p.accountId() == accountId);
    }
}
