// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.util.Optional;
import java.util.Set;

/**
 * Which transfer syntaxes we accept and how their data set is encoded. Every standard transfer
 * syntax stores its data set in one of four encodings; the compressed ones differ only inside Pixel
 * Data, which we store untouched. Private transfer syntaxes are not accepted (their encoding is
 * unknown, so the header could not be read).
 */
final class TransferSyntaxes {

    enum Encoding {
        IMPLICIT_LITTLE, EXPLICIT_LITTLE, EXPLICIT_BIG, DEFLATED_EXPLICIT_LITTLE;

        boolean explicitVr() {
            return this != IMPLICIT_LITTLE;
        }

        boolean bigEndian() {
            return this == EXPLICIT_BIG;
        }
    }

    static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";

    private static final String STANDARD_PREFIX = "1.2.840.10008.1.2.";
    /** Deflated Explicit VR LE, JPIP Referenced Deflate, JPIP HTJ2K Referenced Deflate. */
    private static final Set<String> DEFLATED = Set.of("1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.95",
            "1.2.840.10008.1.2.4.205");
    /** Retired MIME and XML encodings (PS3.5 A.4 history): no binary data set. */
    private static final String NOT_BINARY_PREFIX = "1.2.840.10008.1.2.6.";

    private TransferSyntaxes() {
    }

    static Optional<Encoding> encodingOf(String uid) {
        if (IMPLICIT_VR_LITTLE_ENDIAN.equals(uid)) {
            return Optional.of(Encoding.IMPLICIT_LITTLE);
        }
        if (EXPLICIT_VR_BIG_ENDIAN.equals(uid)) {
            return Optional.of(Encoding.EXPLICIT_BIG);
        }
        if (DEFLATED.contains(uid)) {
            return Optional.of(Encoding.DEFLATED_EXPLICIT_LITTLE);
        }
        if (uid.startsWith(STANDARD_PREFIX) && !uid.startsWith(NOT_BINARY_PREFIX) && isUid(uid)) {
            return Optional.of(Encoding.EXPLICIT_LITTLE);
        }
        return Optional.empty();
    }

    private static boolean isUid(String uid) {
        if (uid.length() > 64) {
            return false;
        }
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
