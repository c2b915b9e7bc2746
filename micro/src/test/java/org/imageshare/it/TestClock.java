// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Test-only (ShareIT): replaces the application's clock in its deployment with the system clock plus an
 * offset the test moves, so expiry is tested with the real code path and no waiting.
 */
@ApplicationScoped
@Alternative
@Priority(1000)
public class TestClock {

    private static volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return new Shifted();
    }

    static final class Shifted extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
