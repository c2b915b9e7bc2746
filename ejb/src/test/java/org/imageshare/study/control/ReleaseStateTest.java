// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseStateTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aHoldWinsOverAnyReleaseTime() {
        assertThat(ReleaseState.of(true, NOW.minusSeconds(3600), NOW)).isEqualTo(ReleaseState.HELD);
    }

    @Test
    void isPendingBeforeItsReleaseTimeAndReleasedFromIt() {
        assertThat(ReleaseState.of(false, NOW.plusMillis(1), NOW)).isEqualTo(ReleaseState.PENDING);
        assertThat(ReleaseState.of(false, NOW, NOW)).isEqualTo(ReleaseState.RELEASED);
    }
}
