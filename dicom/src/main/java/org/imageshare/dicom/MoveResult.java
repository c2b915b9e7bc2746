// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

/**
 * The final C-MOVE response: status and sub-operation counts (a count the peer did not send is -1).
 *
 * @param status       0000 all sent, B000 some sub-operations failed or had warnings, FE00 cancelled,
 *                     A701/A702 out of resources, A801 move destination unknown, A900/Cxxx failures
 * @param completed    sub-operations the destination stored
 * @param failed       sub-operations that failed
 * @param warning      sub-operations that completed with a warning
 * @param remaining    sub-operations not done (after a cancel or failure)
 * @param errorComment (0000,0902) of the response, or empty
 */
public record MoveResult(int status, int completed, int failed, int warning, int remaining, String errorComment) {

    public static final int SUCCESS = 0x0000;
    public static final int WARNING = 0xB000;
    public static final int CANCELLED = 0xFE00;
    public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;

    public boolean cancelled() {
        return status == CANCELLED;
    }

    /** 0000 or B000: the move ran to its end (some sub-operations may have failed). */
    public boolean finished() {
        return status == SUCCESS || status == WARNING;
    }

    public String statusHex() {
        return String.format("%04X", status);
    }
}
