// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed mail again. By default 15 s, 30 s, 1 min, 2 min, … capped at 10 min, and dead
 * (dead-lettered, for staff to resend or cancel) after 12 attempts — about 66 minutes of trying. The retry
 * timer looks every 10 s, so a retry comes up to 10 s after it is due (the first one within 25 s).
 * {@code watchdog}: a queued mail whose JMS trigger got lost is triggered again after this long.
 * Configured by {@code imageshare.mail.retry.*} (see {@link MailRetryPolicies}).
 */
public record MailRetryPolicy(Duration firstRetry, Duration maxDelay, int maxAttempts, Duration watchdog) {

    public static final MailRetryPolicy DEFAULT =
            new MailRetryPolicy(Duration.ofSeconds(15), Duration.ofMinutes(10), 12, Duration.ofMinutes(1));

    public MailRetryPolicy {
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(watchdog, "watchdog");
        if (firstRetry.isNegative() || firstRetry.isZero() || maxDelay.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("mail retry: need 0 < first-delay <= max-delay");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("mail retry: max-attempts must be at least 1");
        }
        if (watchdog.isNegative() || watchdog.isZero()) {
            throw new IllegalArgumentException("mail retry: watchdog must be positive");
        }
    }

    /** The delay before the next attempt after {@code attempts} failed ones; empty when it is time to give up. */
    public Optional<Duration> delayAfter(int attempts) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        Duration delay = firstRetry.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
