// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.mail.control.MailQueue;
import org.imageshare.mail.control.MailTemplates;
import org.imageshare.mail.entity.MailMessage;

/** Test-only: puts mail into the outbox as the product does, or with its trigger ahead of the commit; reads the state. */
@Stateless
@PermitAll
public class MailProbe {

    @PersistenceContext
    EntityManager em;

    @Inject
    MailQueue queue;

    @EJB
    EarlyTrigger early;

    /** Outbox row + JMS trigger in one transaction, exactly as an enrolment does. */
    public long enqueue(String recipient) {
        return queue.enqueue("TEST", recipient, rendered()).getId();
    }

    /**
     * Writes the outbox row, sends its trigger in a transaction of its own that commits at once, and holds this
     * transaction open for {@code hold} before committing the row: the trigger overtakes the commit. The row's
     * watchdog is an hour away, so only the broker's redelivery can deliver it soon.
     */
    public long enqueueWithTriggerAheadOfCommit(String recipient, Duration hold) throws InterruptedException {
        MailTemplates.Rendered mail = rendered();
        Instant now = Instant.now();
        MailMessage message = new MailMessage("TEST", recipient, mail.subject(), mail.text(), mail.html(), now);
        em.persist(message);
        message.scheduleWatchdog(now.plus(Duration.ofHours(1)));
        em.flush();
        early.trigger(message.getId());
        Thread.sleep(hold.toMillis());
        return message.getId();
    }

    /** {@code STATUS|attempts}, read fresh from the database. */
    public String state(long mailId) {
        em.getEntityManagerFactory().getCache().evict(MailMessage.class);
        MailMessage mail = em.find(MailMessage.class, mailId);
        return mail == null ? "NONE|0" : mail.getStatus() + "|" + mail.getAttempts();
    }

    /** How many audit lines of this action name the mail. */
    public long auditCount(AuditAction action, long mailId) {
        return em.createQuery("SELECT COUNT(a) FROM AuditRecord a WHERE a.action = :action AND a.detail LIKE :detail",
                Long.class).setParameter("action", action).setParameter("detail", "mail " + mailId + " (%")
                .getSingleResult();
    }

    private static MailTemplates.Rendered rendered() {
        return new MailTemplates.Rendered("Test", "Test mail.", "<p>Test mail.</p>");
    }
}
