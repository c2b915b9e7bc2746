// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.util.Objects;

/**
 * A peer application entity we call as an SCU (e.g. the hospital's PACS).
 *
 * @param aeTitle its AE title (the Called AE Title we send)
 * @param host    its host name or IP literal
 * @param port    its DICOM port
 */
public record RemoteAe(String aeTitle, String host, int port) {

    public RemoteAe {
        aeTitle = AeTitles.requireValid(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        host = host.strip();
        if (host.isEmpty() || host.length() > 253) {
            throw new IllegalArgumentException("host must have 1 to 253 characters");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
    }

    /** Checks an AE title (1–16 printable ASCII characters, no backslash) and returns it stripped. */
    public static String validAeTitle(String aeTitle) {
        return AeTitles.requireValid(aeTitle, "AE title");
    }

    @Override
    public String toString() {
        return aeTitle + "@" + host + ":" + port;
    }
}
