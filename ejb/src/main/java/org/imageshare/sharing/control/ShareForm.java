// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import java.util.List;

/**
 * What the patient asks for: the studies, the recipient, the expiry in days (1–90, null = 30), whether the
 * link needs an access code, and whether the patient wants a mail when the link is first opened (null = yes).
 */
public record ShareForm(List<String> studyInstanceUids, String recipientEmail, Integer expiresInDays,
                        Boolean accessCode, Boolean notifyOnFirstOpen) {

    @Override
    public String toString() {
        return "ShareForm[" + (studyInstanceUids == null ? 0 : studyInstanceUids.size()) + " studies]";
    }
}
