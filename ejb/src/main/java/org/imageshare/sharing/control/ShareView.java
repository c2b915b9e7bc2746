// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import java.time.Instant;
import java.util.List;
import org.imageshare.sharing.entity.ShareLink;
import org.imageshare.study.control.StudySummary;

/** One of the patient's links as their list shows it (also the JSON of {@code GET /api/v1/patient/shares}). */
public record ShareView(long shareId, String recipientEmail, Instant createdAt, Instant expiresAt, ShareState state,
                        Instant revokedAt, boolean accessCode, boolean notifyOnFirstOpen, int openCount,
                        Instant firstOpenedAt, Instant lastUsedAt, List<StudySummary> studies) {

    public static ShareView of(ShareLink s, Instant now) {
        return new ShareView(s.getId(), s.getRecipientEmail(), s.getCreatedAt(), s.getExpiresAt(),
                ShareState.of(s.getRevokedAt().orElse(null), s.getLockedAt().orElse(null), s.getExpiresAt(), now),
                s.getRevokedAt().orElse(null), s.hasAccessCode(), s.isNotifyOnOpen(), s.getOpenCount(),
                s.getFirstOpenedAt().orElse(null), s.getLastUsedAt().orElse(null),
                s.getStudies().stream().map(StudySummary::of).toList());
    }

    @Override
    public String toString() {
        return "ShareView[" + shareId + " " + state + "]";
    }
}
