// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import java.time.Instant;

/**
 * A new share: its id and expiry, and the access code in clear — returned this once for the patient to pass
 * on by phone, never stored, logged or mailed. Null when the link has no code.
 */
public record CreatedShare(long shareId, Instant expiresAt, String accessCode) {

    @Override
    public String toString() {
        return "CreatedShare[" + shareId + "]";
    }
}
