// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imageshare.login.control.SignInThrottle.Verdict.ALLOWED;
import static org.imageshare.login.control.SignInThrottle.Verdict.LIMITED_ADDRESS;
import static org.imageshare.login.control.SignInThrottle.Verdict.LIMITED_GLOBAL;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imageshare.login.control.SignInThrottle.Limits;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(new Limits(5, 50), clock);

    @Test
    void addressIsLimitedAtItsFifthFailureWithinAMinute() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.check("192.0.2.1")).isEqualTo(ALLOWED);
            throttle.recordFailure("192.0.2.1");
        }
        assertThat(throttle.check("192.0.2.1")).isEqualTo(ALLOWED);
        throttle.recordFailure("192.0.2.1");

        assertThat(throttle.check("192.0.2.1")).isEqualTo(LIMITED_ADDRESS);
        assertThat(throttle.check("192.0.2.2")).isEqualTo(ALLOWED);
    }

    @Test
    void windowSlidesSoOldFailuresStopCounting() {
        throttle.recordFailure("192.0.2.1");
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("192.0.2.1");
        }
        assertThat(throttle.check("192.0.2.1")).isEqualTo(LIMITED_ADDRESS);

        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.check("192.0.2.1")).isEqualTo(LIMITED_ADDRESS);

        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.check("192.0.2.1")).isEqualTo(ALLOWED);

        throttle.recordFailure("192.0.2.1");
        assertThat(throttle.check("192.0.2.1")).isEqualTo(LIMITED_ADDRESS);

        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.check("192.0.2.1")).isEqualTo(ALLOWED);
    }

    @Test
    void limitedAddressIsFreeAgainAfterAQuietMinute() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("192.0.2.1");
        }
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.check("192.0.2.1")).isEqualTo(LIMITED_ADDRESS);

        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.check("192.0.2.1")).isEqualTo(ALLOWED);
    }

    @Test
    void failuresSpreadOverManyAddressesTripTheGlobalLimit() {
        for (int i = 0; i < 49; i++) {
            throttle.recordFailure("10.0.0." + i);
        }
        assertThat(throttle.check("203.0.113.9")).isEqualTo(ALLOWED);

        throttle.recordFailure("10.0.1.0");

        assertThat(throttle.check("203.0.113.9")).isEqualTo(LIMITED_GLOBAL);
        assertThat(throttle.check("10.0.0.1")).isEqualTo(LIMITED_GLOBAL);

        clock.advance(Duration.ofSeconds(60));
        assertThat(throttle.check("203.0.113.9")).isEqualTo(ALLOWED);
    }

    @Test
    void addressLimitIsReportedBeforeGlobalLimit() {
        SignInThrottle tight = new SignInThrottle(new Limits(3, 3), clock);
        for (int i = 0; i < 3; i++) {
            tight.recordFailure("192.0.2.1");
        }

        assertThat(tight.check("192.0.2.1")).isEqualTo(LIMITED_ADDRESS);
        assertThat(tight.check("192.0.2.2")).isEqualTo(LIMITED_GLOBAL);
    }

    @Test
    void hundredThousandAddressesStayWithinTheMemoryCap() {
        SignInThrottle capped = new SignInThrottle(new Limits(5, 1_000_000), clock, 1_000);
        for (int i = 0; i < 100_000; i++) {
            capped.recordFailure("10." + (i >> 16) + "." + (i >> 8 & 0xff) + "." + (i & 0xff));
        }

        assertThat(capped.trackedAddresses()).isEqualTo(1_000);
    }

    @Test
    void overTheCapTheLeastRecentlyFailingAddressIsForgotten() {
        SignInThrottle capped = new SignInThrottle(new Limits(2, 1_000), clock, 2);
        capped.recordFailure("192.0.2.1");
        capped.recordFailure("192.0.2.1");
        capped.recordFailure("192.0.2.2");
        capped.recordFailure("192.0.2.2");
        assertThat(capped.check("192.0.2.1")).isEqualTo(LIMITED_ADDRESS);

        capped.recordFailure("192.0.2.3");

        assertThat(capped.trackedAddresses()).isEqualTo(2);
        assertThat(capped.check("192.0.2.1")).isEqualTo(ALLOWED);
        assertThat(capped.check("192.0.2.2")).isEqualTo(LIMITED_ADDRESS);
    }

    @Test
    void staleAddressesAreEvictedWhenNewOnesArrive() {
        for (int i = 0; i < 100; i++) {
            throttle.recordFailure("10.0.0." + i);
        }
        clock.advance(Duration.ofMinutes(2));

        throttle.recordFailure("192.0.2.1");

        assertThat(throttle.trackedAddresses()).isEqualTo(1);
    }

    @Test
    void ipv6AddressesInOneSlash64ShareALimit() {
        for (int i = 1; i <= 5; i++) {
            throttle.recordFailure("2001:db8:1:2::" + Integer.toHexString(i));
        }

        assertThat(throttle.check("2001:db8:1:2:ffff:eeee:dddd:cccc")).isEqualTo(LIMITED_ADDRESS);
        assertThat(throttle.check("[2001:0DB8:0001:0002::1]")).isEqualTo(LIMITED_ADDRESS);
        assertThat(throttle.check("2001:db8:1:3::1")).isEqualTo(ALLOWED);
    }

    @Test
    void addressKeysAreNormalised() {
        assertThat(SignInThrottle.key("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(SignInThrottle.key("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(SignInThrottle.key("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(SignInThrottle.key("::1")).isEqualTo("0:0:0:0::/64");
        assertThat(SignInThrottle.key(null)).isEqualTo("unknown");
        assertThat(SignInThrottle.key("  ")).isEqualTo("unknown");
        assertThat(SignInThrottle.key("1:2:3:4:5:6:7:8:9")).isEqualTo("1:2:3:4:5:6:7:8:9");
        assertThat(SignInThrottle.key("x".repeat(1000))).hasSize(64);
    }

    @Test
    void resetForgetsAllFailures() {
        for (int i = 0; i < 50; i++) {
            throttle.recordFailure("192.0.2.1");
        }

        throttle.reset();

        assertThat(throttle.check("192.0.2.1")).isEqualTo(ALLOWED);
        assertThat(throttle.trackedAddresses()).isZero();
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        SignInThrottle shared = new SignInThrottle(new Limits(1_000, 8 * 500), clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String address = "10.0.0." + t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 500; i++) {
                    shared.check(address);
                    shared.recordFailure(address);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(shared.check("203.0.113.1")).isEqualTo(LIMITED_GLOBAL);
        assertThat(shared.trackedAddresses()).isEqualTo(8);
    }

    @Test
    void nonsensicalLimitsAreRefused() {
        assertThatThrownBy(() -> new Limits(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
