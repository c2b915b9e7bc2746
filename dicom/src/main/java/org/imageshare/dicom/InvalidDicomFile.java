// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

/**
 * A file offered from outside the DICOM network (STOW-RS, a CD) is not a DICOM Part 10 file we can store.
 * The message is a short, fixed reason fit to show a user (never a value from the file).
 */
public class InvalidDicomFile extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidDicomFile(String reason) {
        super(reason);
    }

    public InvalidDicomFile(String reason, Throwable cause) {
        super(reason, cause);
    }
}
