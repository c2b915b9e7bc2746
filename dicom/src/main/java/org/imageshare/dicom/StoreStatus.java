// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

/**
 * The non-failure outcomes a {@link StoreHandler} can report; each maps to the DIMSE status sent in
 * the C-STORE response. Failures are reported by throwing {@link StoreFailure}.
 */
public enum StoreStatus {
    /** Success (0x0000): the object is stored and indexed. Also the answer for a duplicate. */
    SUCCESS(0x0000),
    /** Warning: coercion of data elements (0xB000). */
    WARNING_COERCED(0xB000),
    /** Warning: data set does not match SOP class (0xB007). */
    WARNING_DATA_SET_MISMATCH(0xB007),
    /** Warning: elements discarded (0xB006). */
    WARNING_ELEMENTS_DISCARDED(0xB006);

    private final int status;

    StoreStatus(int status) {
        this.status = status;
    }

    /** The DIMSE status sent in the C-STORE response. */
    public int status() {
        return status;
    }
}
