// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

/**
 * What happened to one object offered by STOW-RS or a CD import.
 *
 * @param name            the name it came under (a ZIP entry, an upload, a multipart part number)
 * @param outcome         stored, duplicate (stored before: replaced, the index keeps one row), rejected or
 *                        skipped (not an object to store, e.g. a DICOMDIR or a viewer program on a CD)
 * @param sopClassUid     when known, else empty
 * @param sopInstanceUid  when known, else empty
 * @param studyInstanceUid when known, else empty
 * @param seriesInstanceUid when known, else empty
 * @param failureReason   the DICOM failure status for a rejected object (PS3.4 / PS3.18: A700, A900, C000,
 *                        0110), else 0
 * @param reason          a short reason fit to show a user, without patient data
 */
public record ImportedObject(String name, Outcome outcome, String sopClassUid, String sopInstanceUid,
                             String studyInstanceUid, String seriesInstanceUid, int failureReason, String reason) {

    public enum Outcome { STORED, DUPLICATE, REJECTED, SKIPPED }

    public boolean isStored() {
        return outcome == Outcome.STORED || outcome == Outcome.DUPLICATE;
    }

    public static ImportedObject rejected(String name, int status, String reason) {
        return new ImportedObject(name, Outcome.REJECTED, "", "", "", "", status, reason);
    }

    public static ImportedObject skipped(String name, String reason) {
        return new ImportedObject(name, Outcome.SKIPPED, "", "", "", "", 0, reason);
    }
}
