// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsentTest {

    private static final Instant GIVEN = Instant.parse("2026-01-02T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-04T10:00:00Z");

    @Test
    void givenConsentIsActiveForItsOwnVersionOnlyWithAnOpenPeriod() {
        Consent consent = Consent.given(null, ConsentCategory.E_CONSENT, GIVEN, "patient:10", 2);

        assertThat(consent.getStatus()).isEqualTo(ConsentStatus.ACTIVE);
        assertThat(consent.getScope()).isEqualTo(Consent.SCOPE);
        assertThat(consent.isCurrentFor(2)).isTrue();
        assertThat(consent.isCurrentFor(3)).isFalse();
        assertThat(consent.getPeriodStart()).isEqualTo(GIVEN);
        assertThat(consent.getPeriodEnd()).isEmpty();
    }

    @Test
    void endingClosesThePeriodOnceAndKeepsTheRecord() {
        Consent consent = Consent.given(null, ConsentCategory.PAPER, GIVEN, "registrar", 1);

        consent.end(LATER);
        consent.end(LATER.plusSeconds(60));

        assertThat(consent.getStatus()).isEqualTo(ConsentStatus.INACTIVE);
        assertThat(consent.getPeriodEnd()).contains(LATER);
        assertThat(consent.isCurrentFor(1)).isFalse();
        assertThat(consent.getPerformer()).isEqualTo("registrar");
    }

    @Test
    void aWithdrawalIsARejectedRecordThatIsNeverInForce() {
        Consent withdrawal = Consent.withdrawn(null, ConsentCategory.E_CONSENT, LATER, "patient:10", 1);

        assertThat(withdrawal.getStatus()).isEqualTo(ConsentStatus.REJECTED);
        assertThat(withdrawal.isCurrentFor(1)).isFalse();
        assertThat(withdrawal.getPeriodEnd()).contains(LATER);
    }

    @Test
    void toStringHoldsNoPerformer() {
        assertThat(Consent.given(null, ConsentCategory.PAPER, GIVEN, "registrar", 1).toString())
                .doesNotContain("registrar");
    }
}
