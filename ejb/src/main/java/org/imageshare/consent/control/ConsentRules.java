// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.control;

import org.imageshare.consent.entity.ConsentText;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.InvalidInput;

/** The checks on consent requests, free of the container. */
public final class ConsentRules {

    private ConsentRules() {
    }

    /** Consent is given for the text the patient read: it must be the current one. */
    public static int checkVersion(Integer requested, int current) {
        if (requested == null) {
            throw new InvalidInput("version", "is required: the version of the consent text you agree to");
        }
        if (requested != current) {
            throw new Conflict("A newer consent text exists (version " + current
                    + "). Please read it and agree to that version.");
        }
        return requested;
    }

    /** A new consent text: trimmed, line ends unified, not blank, not too long. */
    public static String checkText(String text) {
        String normalized = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (normalized.isEmpty()) {
            throw new InvalidInput("text", "must not be empty");
        }
        if (normalized.length() > ConsentText.BODY_LENGTH) {
            throw new InvalidInput("text", "must be at most " + ConsentText.BODY_LENGTH + " characters");
        }
        return normalized;
    }
}
