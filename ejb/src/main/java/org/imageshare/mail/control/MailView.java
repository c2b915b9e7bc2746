// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import java.time.Instant;
import org.imageshare.mail.entity.MailMessage;
import org.imageshare.mail.entity.MailStatus;

/** An outbox row as the staff page shows it. */
public record MailView(long id, String kind, String recipient, String subject, MailStatus status, int attempts,
        Instant createdAt, Instant sentAt, Instant nextAttemptAt, String lastError, String textBody, String htmlBody) {

    public static MailView of(MailMessage m) {
        return new MailView(m.getId(), m.getKind(), m.getRecipient(), m.getSubject(), m.getStatus(), m.getAttempts(),
                m.getCreatedAt(), m.getSentAt().orElse(null), m.getNextAttemptAt().orElse(null),
                m.getLastError().orElse(null), m.getTextBody(), m.getHtmlBody());
    }
}
