// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.entity;

public enum MailStatus {
    /** Waiting for (another) delivery attempt. */
    QUEUED,
    /** Accepted by the SMTP server. */
    SENT,
    /** No SMTP server is configured: kept in the dev outbox, readable by admins. */
    DEV_OUTBOX,
    /** Every attempt failed: staff must look at it. */
    DEAD,
    /** Cancelled by staff before it was sent. */
    CANCELLED
}
