// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.control;

import java.time.Instant;

/**
 * What a patient is asked and whether they have agreed: the current consent text and, when the patient has
 * an active consent for exactly that version, when and how it was given.
 *
 * @param consentedAt when the consent in force was given; null when {@code consented} is false
 * @param category {@code E_CONSENT} or {@code PAPER}; null when {@code consented} is false
 */
public record ConsentState(int version, String text, boolean consented, Instant consentedAt, String category) {

    @Override
    public String toString() {
        return "ConsentState[version=" + version + ", consented=" + consented + "]";
    }
}
