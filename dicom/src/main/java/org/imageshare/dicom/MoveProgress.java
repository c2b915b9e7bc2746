// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

/**
 * The sub-operation counts of a C-MOVE response (PS3.7 C.4.2.1.3). A count the peer did not send is -1
 * (peers may leave Remaining out of pending responses, and all but Completed/Failed/Warning out of the
 * final one).
 *
 * @param status    the response status (FF00 pending, 0000 success, B000 some failed, FE00 cancelled, …)
 */
public record MoveProgress(int status, int remaining, int completed, int failed, int warning) {

    public boolean pending() {
        return status == 0xFF00 || status == 0xFF01;
    }

    /** Completed + failed + warning + remaining, if remaining is known. */
    public int total() {
        return remaining < 0 ? -1 : remaining + Math.max(0, completed) + Math.max(0, failed) + Math.max(0, warning);
    }
}
