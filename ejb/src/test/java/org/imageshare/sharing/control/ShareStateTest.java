// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.imageshare.platform.control.InvalidInput;
import org.junit.jupiter.api.Test;

class ShareStateTest {

    private static final Instant CREATED = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void aLinkExpiresExactlyAtItsExpiryByTheInjectedClock() {
        Instant expires = ShareRules.expiresAt(CREATED, 7);
        assertThat(expires).isEqualTo(CREATED.plus(Duration.ofDays(7)));
        Clock justBefore = Clock.fixed(expires.minusMillis(1), ZoneOffset.UTC);
        Clock atExpiry = Clock.fixed(expires, ZoneOffset.UTC);
        assertThat(ShareState.of(null, null, expires, justBefore.instant())).isEqualTo(ShareState.ACTIVE);
        assertThat(ShareState.of(null, null, expires, atExpiry.instant())).isEqualTo(ShareState.EXPIRED);
    }

    @Test
    void revokedAndLockedBeatExpired() {
        Instant expires = CREATED.plus(Duration.ofDays(1));
        Instant later = expires.plusSeconds(60);
        assertThat(ShareState.of(CREATED.plusSeconds(5), null, expires, later)).isEqualTo(ShareState.REVOKED);
        assertThat(ShareState.of(null, CREATED.plusSeconds(5), expires, later)).isEqualTo(ShareState.LOCKED);
        assertThat(ShareState.of(CREATED.plusSeconds(5), CREATED, expires, CREATED.plusSeconds(6)))
                .isEqualTo(ShareState.REVOKED);
    }

    @Test
    void expiryIsOneToNinetyDaysWithThirtyByDefault() {
        assertThat(ShareRules.expiryDays(null)).isEqualTo(30);
        assertThat(ShareRules.expiryDays(1)).isEqualTo(1);
        assertThat(ShareRules.expiryDays(90)).isEqualTo(90);
        assertThatThrownBy(() -> ShareRules.expiryDays(0)).isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("expiresInDays:");
        assertThatThrownBy(() -> ShareRules.expiryDays(91)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void recipientsAndStudiesAreChecked() {
        assertThat(ShareRules.recipient("  Dr.Who@Clinic.EXAMPLE ")).isEqualTo("Dr.Who@clinic.example");
        assertThatThrownBy(() -> ShareRules.recipient("no address")).isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("recipientEmail:");
        assertThatThrownBy(() -> ShareRules.recipient("a@b.c\r\nBcc: x@y.z")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> ShareRules.recipient(null)).isInstanceOf(InvalidInput.class);
        assertThat(ShareRules.studies(java.util.List.of("1.2", " 1.2 ", "1.3"))).containsExactly("1.2", "1.3");
        assertThatThrownBy(() -> ShareRules.studies(java.util.List.of())).isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("studyInstanceUids:");
    }
}
