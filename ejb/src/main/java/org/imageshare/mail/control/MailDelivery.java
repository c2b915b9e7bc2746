// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.mail.entity.MailMessage;

/**
 * Delivers one outbox row through the {@link MailTransport}. Internal: called by the JMS listener and
 * nothing else. The row is locked while it is sent, and a row that is no longer queued is left alone, so a
 * repeated trigger sends nothing twice. A refused or unreachable SMTP server counts as a failed attempt
 * (next try by {@link MailRetryPolicy}, dead after the last); audit and log name the mail by id and kind,
 * never by address or content.
 */
@Stateless
@PermitAll
public class MailDelivery {

    private static final System.Logger LOG = System.getLogger(MailDelivery.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    MailTransport transport;

    @Inject
    MailRetryPolicy policy;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    public void deliver(long mailId) {
        MailMessage mail = em.find(MailMessage.class, mailId, LockModeType.PESSIMISTIC_WRITE);
        if (mail == null) {
            // The trigger can overtake the commit of its outbox row (the broker commits before the
            // database): roll back so the broker delivers it again shortly; the retry timer is the backstop.
            throw new MailNotYetVisible(mailId);
        }
        if (!mail.isPending()) {
            return;
        }
        String name = "mail " + mailId + " (" + mail.getKind() + ")";
        try {
            MailTransport.Handover handover = transport.send(mail);
            Instant now = clock.instant();
            if (handover == MailTransport.Handover.KEPT_IN_DEV_OUTBOX) {
                mail.keepInDevOutbox(now);
                audit.fire(new AuditEvent(AuditAction.MAIL_SENT, "system", null, name + " kept in dev outbox"));
            } else {
                mail.markSent(now);
                audit.fire(new AuditEvent(AuditAction.MAIL_SENT, "system", null,
                        name + " sent, attempt " + mail.getAttempts()));
            }
        } catch (MessagingException e) {
            Instant now = clock.instant();
            Optional<Duration> delay = policy.delayAfter(mail.getAttempts() + 1);
            // the error text is kept for admins (who see the recipient anyway); logs and audit get its class only
            mail.markFailed(e.getClass().getSimpleName() + ": " + e.getMessage(), delay.map(now::plus).orElse(null));
            String error = e.getClass().getSimpleName();
            if (delay.isPresent()) {
                LOG.log(Level.WARNING, "{0}: attempt {1} failed ({2}); next try in {3}", name, mail.getAttempts(),
                        error, delay.get());
                audit.fire(new AuditEvent(AuditAction.MAIL_FAILED, "system", null,
                        name + " attempt " + mail.getAttempts() + " failed (" + error + "), next try in " + delay.get()));
            } else {
                LOG.log(Level.ERROR, "{0}: attempt {1} failed ({2}); dead-lettered, staff must resend or cancel it "
                        + "in the outbox", name, mail.getAttempts(), error);
                audit.fire(new AuditEvent(AuditAction.MAIL_FAILED, "system", null,
                        name + " attempt " + mail.getAttempts() + " failed (" + error + "), dead-lettered"));
            }
        }
    }
}
