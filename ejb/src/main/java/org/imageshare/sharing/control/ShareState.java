// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import java.time.Instant;

/** Where a share link stands at a given time. Only ACTIVE links open. */
public enum ShareState {
    ACTIVE, EXPIRED, REVOKED, LOCKED;

    /** Revoked beats locked beats expired: the patient sees the most telling reason. */
    public static ShareState of(Instant revokedAt, Instant lockedAt, Instant expiresAt, Instant now) {
        if (revokedAt != null && !revokedAt.isAfter(now)) {
            return REVOKED;
        }
        if (lockedAt != null) {
            return LOCKED;
        }
        if (!now.isBefore(expiresAt)) {
            return EXPIRED;
        }
        return ACTIVE;
    }
}
