// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.sharing.entity.ShareLink;

/** The checks on what a patient asks for when sharing; each failure names the field. */
public final class ShareRules {

    public static final int DEFAULT_DAYS = 30;
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 90;
    public static final int MAX_STUDIES = 100;
    /** A pragmatic address check: one @, a dot in the domain, no spaces or angle brackets. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"(),;:]+@[^@\\s<>\"(),;:]+\\.[^@\\s<>\"(),;:.]+");

    private ShareRules() {
    }

    /** 1..90 days; null means the default of 30. */
    public static int expiryDays(Integer requested) {
        if (requested == null) {
            return DEFAULT_DAYS;
        }
        if (requested < MIN_DAYS || requested > MAX_DAYS) {
            throw new InvalidInput("expiresInDays", "must be between " + MIN_DAYS + " and " + MAX_DAYS + " days");
        }
        return requested;
    }

    public static Instant expiresAt(Instant now, Integer requestedDays) {
        return now.plus(Duration.ofDays(expiryDays(requestedDays)));
    }

    public static String recipient(String email) {
        String e = email == null ? "" : email.strip();
        if (e.isEmpty()) {
            throw new InvalidInput("recipientEmail", "is required");
        }
        if (e.length() > ShareLink.EMAIL_LENGTH || !EMAIL.matcher(e).matches()) {
            throw new InvalidInput("recipientEmail", "must be an e-mail address");
        }
        int at = e.lastIndexOf('@');
        return e.substring(0, at) + "@" + e.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The chosen study UIDs, without blanks and duplicates, in order; at least one. */
    public static List<String> studies(List<String> uids) {
        if (uids == null || uids.isEmpty()) {
            throw new InvalidInput("studyInstanceUids", "choose at least one study");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String uid : uids) {
            if (uid == null || uid.isBlank()) {
                throw new InvalidInput("studyInstanceUids", "contains an empty entry");
            }
            distinct.add(uid.strip());
        }
        if (distinct.size() > MAX_STUDIES) {
            throw new InvalidInput("studyInstanceUids", "at most " + MAX_STUDIES + " studies per link");
        }
        return new ArrayList<>(distinct);
    }
}
