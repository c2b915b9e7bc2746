// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import jakarta.mail.MessagingException;
import org.imageshare.mail.entity.MailMessage;

/**
 * Hands one outbox row over for delivery. {@link ContainerMailTransport} is the product's (the container's
 * Jakarta Mail session, or the dev outbox when no SMTP server is configured); the seam lets the in-container
 * tests decorate it (a transport that fails once, to prove the JMS redelivery).
 */
public interface MailTransport {

    /** What became of a mail that was handed over without an error. */
    enum Handover {
        /** Accepted by the SMTP server. */
        SENT,
        /** No SMTP server is configured: kept in the dev outbox for admins to read. */
        KEPT_IN_DEV_OUTBOX
    }

    /**
     * @throws MessagingException the SMTP server could not be reached or refused the mail: worth another try
     *         by the retry policy. Any other exception rolls the delivery back, and JMS redelivers the trigger.
     */
    Handover send(MailMessage mail) throws MessagingException;
}
