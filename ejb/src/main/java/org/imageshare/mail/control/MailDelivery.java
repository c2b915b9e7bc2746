// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.mail.entity.MailMessage;
import org.imageshare.platform.boundary.ResourceDefinitions;
import org.imageshare.platform.control.ImageShareConfig;

/**
 * Delivers one outbox row through the container's mail session, or keeps it in the dev outbox when no
 * SMTP server is configured. Internal: called by the JMS listener and nothing else. The row is locked
 * while it is sent, and a row that is no longer queued is left alone, so a repeated trigger sends nothing
 * twice.
 */
@Stateless
@PermitAll
public class MailDelivery {

    private static final System.Logger LOG = System.getLogger(MailDelivery.class.getName());

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = ResourceDefinitions.MAIL_SESSION)
    Session session;

    @Inject
    ImageShareConfig config;

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
        Instant now = clock.instant();
        if (config.smtpHost().isEmpty()) {
            mail.keepInDevOutbox(now);
            audit.fire(new AuditEvent(AuditAction.MAIL_SENT, "system", null, "mail " + mailId + " kept in dev outbox"));
            return;
        }
        try {
            transmit(mail);
            mail.markSent(now);
            audit.fire(new AuditEvent(AuditAction.MAIL_SENT, "system", null, "mail " + mailId));
        } catch (MessagingException e) {
            Optional<Duration> delay = MailRetryPolicy.delayAfter(mail.getAttempts() + 1);
            mail.markFailed(e.getClass().getSimpleName() + ": " + e.getMessage(), delay.map(now::plus).orElse(null));
            LOG.log(Level.WARNING, "Mail {0} attempt {1} failed ({2}); {3}", mailId, mail.getAttempts(),
                    e.getClass().getSimpleName(), delay.map(d -> "next try in " + d).orElse("giving up"));
            audit.fire(new AuditEvent(AuditAction.MAIL_FAILED, "system", null,
                    "mail " + mailId + " attempt " + mail.getAttempts() + (delay.isEmpty() ? ", dead" : "")));
        }
    }

    private void transmit(MailMessage mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(config.mailFrom()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.getRecipient(), true));
        message.setSubject(mail.getSubject(), "UTF-8");
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.getTextBody(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.getHtmlBody(), "UTF-8", "html");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        message.setContent(alternatives);
        message.saveChanges();
        Optional<String> user = config.smtpUser();
        if (user.isPresent()) {
            Transport.send(message, user.get(), config.smtpPassword().orElse(""));
        } else {
            Transport.send(message);
        }
    }
}
