// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

/**
 * A DICOM operation we started as an SCU did not succeed. The message is safe to show to staff and to
 * log: it names AE titles, addresses and statuses, never data from the peer's identifiers.
 */
public final class ScuException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** No TCP connection (host unknown, refused, unreachable, connect timeout). */
        CONNECT_FAILED,
        /** The peer answered A-ASSOCIATE-RJ (see the message for result/source/reason). */
        REJECTED,
        /** The peer accepted the association but none of the presentation contexts we need. */
        NOT_SUPPORTED,
        /** No response within the response timeout; we aborted. */
        TIMEOUT,
        /** The peer aborted or closed the connection, or broke the protocol. */
        ABORTED,
        /** The operation's final response had a failure status. */
        FAILED
    }

    private final Reason reason;
    private final int status;

    ScuException(Reason reason, String message) {
        this(reason, -1, message, null);
    }

    ScuException(Reason reason, String message, Throwable cause) {
        this(reason, -1, message, cause);
    }

    ScuException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The DIMSE status of a {@link Reason#FAILED} response, else -1. */
    public int status() {
        return status;
    }
}
