// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.imageshare.login.control.AccountBackoff.Policy;
import org.junit.jupiter.api.Test;

class AccountBackoffTest {

    private static final Instant LAST_FAILURE = Instant.parse("2025-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(LAST_FAILURE);
    private final AccountBackoff backoff = new AccountBackoff(Policy.defaults(), clock);

    @Test
    void firstTwoFailuresCostNoWait() {
        assertThat(backoff.notBefore(0, null)).isEmpty();
        assertThat(backoff.notBefore(1, LAST_FAILURE)).isEmpty();
        assertThat(backoff.notBefore(2, LAST_FAILURE)).isEmpty();
    }

    @Test
    void thirdFailureImposesOneSecond() {
        assertThat(backoff.notBefore(3, LAST_FAILURE)).contains(LAST_FAILURE.plusSeconds(1));

        clock.advance(Duration.ofMillis(999));
        assertThat(backoff.notBefore(3, LAST_FAILURE)).contains(LAST_FAILURE.plusSeconds(1));

        clock.advance(Duration.ofMillis(1));
        assertThat(backoff.notBefore(3, LAST_FAILURE)).isEmpty();
    }

    @Test
    void waitDoublesWithEachFurtherFailureUpToFiveMinutes() {
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(9)).isEqualTo(Duration.ofSeconds(64));
        assertThat(backoff.delayAfter(11)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.delayAfter(12)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));

        assertThat(backoff.notBefore(5, LAST_FAILURE)).contains(LAST_FAILURE.plusSeconds(4));
        assertThat(backoff.notBefore(200, LAST_FAILURE)).contains(LAST_FAILURE.plus(Duration.ofMinutes(5)));
    }

    @Test
    void attemptIsAllowedOnceTheWaitHasPassed() {
        clock.advance(Duration.ofSeconds(4));

        assertThat(backoff.notBefore(5, LAST_FAILURE)).isEmpty();
        assertThat(backoff.notBefore(6, LAST_FAILURE)).contains(LAST_FAILURE.plusSeconds(8));
    }

    @Test
    void accountLocksAtTenConsecutiveFailures() {
        assertThat(backoff.shouldLock(9)).isFalse();
        assertThat(backoff.shouldLock(10)).isTrue();
        assertThat(backoff.shouldLock(11)).isTrue();
    }

    @Test
    void policyWithoutFreeFailuresWaitsFromTheFirstFailure() {
        AccountBackoff strict = new AccountBackoff(
                new Policy(0, Duration.ofMillis(500), Duration.ofSeconds(3), 5), clock);

        assertThat(strict.delayAfter(0)).isZero();
        assertThat(strict.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(strict.delayAfter(4)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void inconsistentPoliciesAreRefused() {
        assertThatThrownBy(() -> new Policy(-1, Duration.ofSeconds(1), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Policy(3, Duration.ZERO, Duration.ofSeconds(1), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Policy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
