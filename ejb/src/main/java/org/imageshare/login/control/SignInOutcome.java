// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.control;

/**
 * What a sign-in attempt came to. Not an exception: a failed attempt must still commit its failure
 * count and audit line. The caller shows the same answer for every {@link Rejected}.
 */
public sealed interface SignInOutcome {

    /** Signed in; {@code token} is the session secret, handed out this once. */
    record SignedIn(long accountId, String token) implements SignInOutcome {
        @Override
        public String toString() {
            return "SignedIn[" + accountId + "]";
        }
    }

    /** Wrong account number, PIN or birth date, back-off or lock: the caller must not tell which. */
    record Rejected() implements SignInOutcome {
    }

    /** Too many failures from this address or overall: answer 429 and try later. */
    record Throttled() implements SignInOutcome {
    }
}
