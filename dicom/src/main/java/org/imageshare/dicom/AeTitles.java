// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.util.Objects;

/** AE title rules (PS3.5 VR AE): 1–16 characters of the default repertoire, no backslash. */
final class AeTitles {

    static final int MAX_LENGTH = 16;

    private AeTitles() {
    }

    static String requireValid(String aeTitle, String what) {
        Objects.requireNonNull(aeTitle, what);
        String stripped = aeTitle.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must have 1 to 16 characters");
        }
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException(what + " may hold only printable ASCII without backslash");
            }
        }
        return stripped;
    }
}
