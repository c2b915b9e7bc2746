// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try a failed mail again: 15 s, 30 s, 1 min, 2 min, … capped at 10 min, dead after
 * {@link #MAX_ATTEMPTS} attempts. {@link #WATCHDOG}: a queued mail whose trigger got lost is sent again
 * after this long.
 */
public final class MailRetryPolicy {

    public static final int MAX_ATTEMPTS = 12;
    public static final Duration FIRST_RETRY = Duration.ofSeconds(15);
    public static final Duration MAX_DELAY = Duration.ofMinutes(10);
    public static final Duration WATCHDOG = Duration.ofMinutes(1);

    private MailRetryPolicy() {
    }

    /** The delay before the next attempt after {@code attempts} failed ones; empty when it is time to give up. */
    public static Optional<Duration> delayAfter(int attempts) {
        if (attempts >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 16));
        return Optional.of(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
    }
}
