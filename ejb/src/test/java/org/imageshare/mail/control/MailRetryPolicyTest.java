// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MailRetryPolicyTest {

    @Test
    void firstRetryComesWithinThirtySecondsAndDelaysDoubleUpToTenMinutes() {
        assertThat(MailRetryPolicy.delayAfter(1)).contains(Duration.ofSeconds(15));
        assertThat(MailRetryPolicy.delayAfter(2)).contains(Duration.ofSeconds(30));
        assertThat(MailRetryPolicy.delayAfter(3)).contains(Duration.ofMinutes(1));
        assertThat(MailRetryPolicy.delayAfter(7)).contains(Duration.ofMinutes(10));
        assertThat(MailRetryPolicy.delayAfter(11)).contains(Duration.ofMinutes(10));
    }

    @Test
    void afterTheLastAttemptTheMailIsDead() {
        assertThat(MailRetryPolicy.delayAfter(MailRetryPolicy.MAX_ATTEMPTS)).isEmpty();
    }
}
