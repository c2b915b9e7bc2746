// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Back-off and lock policy for one account's consecutive failed sign-ins: a few free failures, then an
 * exponentially growing wait before the next attempt is verified, and a lock (until a staff reset) after
 * {@link Policy#lockAfter()} failures. Attempts inside the wait must be refused without checking the PIN.
 */
public final class AccountBackoff {

    /**
     * The policy: from the {@code freeFailures}-th consecutive failure on, the next attempt waits
     * {@code firstDelay}, doubling per further failure up to {@code maxDelay}; {@code lockAfter} failures lock.
     * {@link #defaults()}: waits start after 3 failures at 1 s, capped at 5 min, lock at 10.
     */
    public record Policy(int freeFailures, Duration firstDelay, Duration maxDelay, int lockAfter) {
        public Policy {
            Objects.requireNonNull(firstDelay, "firstDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (freeFailures < 0) {
                throw new IllegalArgumentException("freeFailures must not be negative");
            }
            if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay");
            }
            if (lockAfter <= freeFailures) {
                throw new IllegalArgumentException("lockAfter must exceed freeFailures");
            }
        }

        public static Policy defaults() {
            return new Policy(3, Duration.ofSeconds(1), Duration.ofMinutes(5), 10);
        }
    }

    private final Policy policy;
    private final Clock clock;

    public AccountBackoff(Policy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Empty if an attempt after {@code consecutiveFailures} failures, the last at {@code lastFailureAt}, may be
     * verified now; otherwise the instant from which it may. Locking is separate: see {@link #shouldLock}.
     */
    public Optional<Instant> notBefore(int consecutiveFailures, Instant lastFailureAt) {
        Duration delay = delayAfter(consecutiveFailures);
        if (delay.isZero()) {
            return Optional.empty();
        }
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        Instant allowedFrom = lastFailureAt.plus(delay);
        return clock.instant().isBefore(allowedFrom) ? Optional.of(allowedFrom) : Optional.empty();
    }

    /** The wait after {@code consecutiveFailures} failures: zero while free, then firstDelay doubling, capped. */
    public Duration delayAfter(int consecutiveFailures) {
        int doublings = consecutiveFailures - Math.max(policy.freeFailures(), 1);
        if (consecutiveFailures < 1 || doublings < 0) {
            return Duration.ZERO;
        }
        Duration delay = policy.firstDelay();
        for (int i = 0; i < doublings && delay.compareTo(policy.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay;
    }

    /** True once {@code consecutiveFailures} reaches the lock threshold. */
    public boolean shouldLock(int consecutiveFailures) {
        return consecutiveFailures >= policy.lockAfter();
    }
}
