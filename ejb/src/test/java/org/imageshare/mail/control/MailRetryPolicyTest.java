// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MailRetryPolicyTest {

    private final MailRetryPolicy policy = MailRetryPolicy.DEFAULT;

    @Test
    void firstRetryComesWithinThirtySecondsAndDelaysDoubleUpToTenMinutes() {
        assertThat(policy.delayAfter(1)).contains(Duration.ofSeconds(15));
        assertThat(policy.delayAfter(2)).contains(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(3)).contains(Duration.ofMinutes(1));
        assertThat(policy.delayAfter(6)).contains(Duration.ofMinutes(8));
        assertThat(policy.delayAfter(7)).contains(Duration.ofMinutes(10));
        assertThat(policy.delayAfter(11)).contains(Duration.ofMinutes(10));
    }

    @Test
    void afterTheLastAttemptTheMailIsDead() {
        assertThat(policy.delayAfter(11)).isPresent();
        assertThat(policy.delayAfter(12)).isEmpty();
        assertThat(policy.delayAfter(13)).isEmpty();
    }

    @Test
    void theDefaultGivesUpAfterAboutAnHourOfTrying() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; policy.delayAfter(attempt).isPresent(); attempt++) {
            total = total.plus(policy.delayAfter(attempt).get());
        }
        assertThat(total).isEqualTo(Duration.ofSeconds(15 + 30 + 60 + 120 + 240 + 480 + 5 * 600));
    }

    @Test
    void aShortenedPolicyStaysCappedAndFinite() {
        MailRetryPolicy shortened = new MailRetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(4), 3,
                Duration.ofMinutes(10));
        assertThat(shortened.delayAfter(1)).contains(Duration.ofSeconds(2));
        assertThat(shortened.delayAfter(2)).contains(Duration.ofSeconds(4));
        assertThat(shortened.delayAfter(3)).isEmpty();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new MailRetryPolicy(Duration.ZERO, Duration.ofMinutes(1), 3, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailRetryPolicy(Duration.ofMinutes(2), Duration.ofMinutes(1), 3,
                Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailRetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 0,
                Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
