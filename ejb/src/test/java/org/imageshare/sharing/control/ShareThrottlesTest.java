// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.imageshare.login.control.SignInThrottle;
import org.imageshare.login.control.SignInThrottle.Verdict;
import org.junit.jupiter.api.Test;

class ShareThrottlesTest {

    private final MovingClock clock = new MovingClock();
    private final ShareThrottles throttles = new ShareThrottles(new SignInThrottle.Limits(30, 600),
            new SignInThrottle.Limits(10, 200), 5, Duration.ofHours(12), clock);

    @Test
    void aLinkLocksAtTheFifthWrongCode() {
        assertThat(throttles.locksAfter(4)).isFalse();
        assertThat(throttles.locksAfter(5)).isTrue();
    }

    @Test
    void wrongCodesAreLimitedPerAddressForAMinute() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttles.codes().check("198.51.100.7")).isEqualTo(Verdict.ALLOWED);
            throttles.codes().recordFailure("198.51.100.7");
        }
        assertThat(throttles.codes().check("198.51.100.7")).isEqualTo(Verdict.LIMITED_ADDRESS);
        assertThat(throttles.codes().check("198.51.100.8")).as("another address").isEqualTo(Verdict.ALLOWED);
        assertThat(throttles.links().check("198.51.100.7")).as("link look-ups count apart").isEqualTo(Verdict.ALLOWED);
        clock.advance(Duration.ofSeconds(61));
        assertThat(throttles.codes().check("198.51.100.7")).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void wrongCodesFromManyAddressesHitTheGlobalLimit() {
        for (int i = 0; i < 200; i++) {
            throttles.codes().recordFailure("203.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttles.codes().check("192.0.2.99")).isEqualTo(Verdict.LIMITED_GLOBAL);
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
