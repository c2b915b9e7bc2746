// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import java.time.Instant;

/** Where a study stands with its patient: held by staff, waiting for its release time, or visible. */
public enum ReleaseState {
    HELD,
    PENDING,
    RELEASED;

    public static ReleaseState of(boolean held, Instant releaseAt, Instant now) {
        if (held) {
            return HELD;
        }
        return releaseAt.isAfter(now) ? PENDING : RELEASED;
    }
}
