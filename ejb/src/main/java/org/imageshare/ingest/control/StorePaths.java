// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where a received object lives in the image store: {@code <study>/<series>/<sop>.dcm}, where study and
 * series are the first 16 hex digits of the SHA-256 of their UIDs (fixed-length, file-system-safe
 * directory names that spread evenly) and the file name is the SOP Instance UID itself.
 */
public final class StorePaths {

    /** A DICOM UID: digits and dots, at most 64 characters (PS3.5 9.1). */
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    /** One digest per thread: looking the algorithm up among the security providers per object showed in profiles. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    });

    private StorePaths() {
    }

    /** The path relative to the store root, with forward slashes (as kept in the index). */
    public static String relative(String studyUid, String seriesUid, String sopInstanceUid) {
        return hash(studyUid) + "/" + hash(seriesUid) + "/" + sopInstanceUid + ".dcm";
    }

    /** True for a syntactically valid UID, which is also safe as a file name. */
    public static boolean isUid(String value) {
        return value != null && !value.isEmpty() && value.length() <= 64 && UID.matcher(value).matches();
    }

    static String hash(String uid) {
        byte[] digest = SHA256.get().digest(uid.getBytes(StandardCharsets.US_ASCII)); // digest() resets it
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
