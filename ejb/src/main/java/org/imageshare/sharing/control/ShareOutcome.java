// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import java.time.Duration;
import java.time.Instant;

/** The answer to opening a share link. Every kind of dead link is the one {@link Unavailable}. */
public sealed interface ShareOutcome {

    /**
     * Access granted (and, unless a valid grant cookie came along, counted as an open and audited).
     *
     * @param grantCookie a new value for the grant cookie (after a correct access code), else null
     * @param grantUntil when that cookie value stops being accepted; null without one
     */
    record Granted(ShareGrant grant, String grantCookie, Instant grantUntil) implements ShareOutcome {
        @Override
        public String toString() {
            return "Granted[share " + grant.shareId() + "]";
        }
    }

    /** The link is alive but wants its access code; {@code wrongCode} when the one given was wrong. */
    record CodeRequired(boolean wrongCode) implements ShareOutcome {
    }

    /** Unknown, tampered, expired, revoked or locked: the caller cannot tell which. */
    record Unavailable() implements ShareOutcome {
    }

    /** Too many failures from this address (or overall) in the last minute. */
    record Throttled(Duration retryAfter) implements ShareOutcome {
    }
}
