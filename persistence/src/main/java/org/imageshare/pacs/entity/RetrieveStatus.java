// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.entity;

/** Where a retrieve task is. Stored by name. */
public enum RetrieveStatus {
    /** Waiting for the worker. */
    PENDING,
    /** The C-MOVE is running. */
    RUNNING,
    /** The PACS sent the study (status 0000, or B000 with failures counted). */
    DONE,
    /** The PACS could not be reached, refused, or answered a failure status; or the server restarted. */
    FAILED,
    /** Cancelled by staff. */
    CANCELLED;

    public boolean isFinished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
