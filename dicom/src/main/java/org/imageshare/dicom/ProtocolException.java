// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

/** A peer broke the DICOM upper layer protocol; the association is aborted (A-ABORT). */
final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A-ABORT reason (PS3.8 9.3.8): 1 unrecognized PDU, 2 unexpected PDU, 4 unrecognized PDU parameter, 5 unexpected PDU parameter, 6 invalid PDU parameter value. */
    private final int abortReason;

    ProtocolException(int abortReason, String message) {
        super(message);
        this.abortReason = abortReason;
    }

    int abortReason() {
        return abortReason;
    }
}
