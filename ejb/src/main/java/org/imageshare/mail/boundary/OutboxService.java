// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.mail.control.MailQueue;
import org.imageshare.mail.control.MailRetryPolicy;
import org.imageshare.mail.control.MailView;
import org.imageshare.mail.entity.MailMessage;
import org.imageshare.mail.entity.MailStatus;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;

/**
 * The outbox for admins: what was sent, what waits, what is dead (every attempt failed); resend (a fresh
 * round of attempts) and cancel (queued or dead mail), both audited with the admin's name.
 */
@Stateless
@RolesAllowed(StaffRole.ADMIN)
public class OutboxService {

    @PersistenceContext
    EntityManager em;

    @Inject
    MailQueue queue;

    @Inject
    MailRetryPolicy policy;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    public List<MailView> recent(int first, int max) {
        return em.createNamedQuery(MailMessage.FIND_RECENT, MailMessage.class)
                .setFirstResult(Math.max(0, first)).setMaxResults(limit(max))
                .getResultStream().map(MailView::of).toList();
    }

    /** The mail in one state, newest first (e.g. {@link MailStatus#DEAD}: what staff must look at). */
    public List<MailView> withStatus(MailStatus status, int first, int max) {
        return em.createNamedQuery(MailMessage.FIND_BY_STATUS, MailMessage.class).setParameter("status", status)
                .setFirstResult(Math.max(0, first)).setMaxResults(limit(max))
                .getResultStream().map(MailView::of).toList();
    }

    /** How many mails are in each state (every state present, zero when none). */
    public Map<MailStatus, Long> counts() {
        return MailCounts.of(em);
    }

    public MailView get(long id) {
        MailMessage mail = em.find(MailMessage.class, id);
        if (mail == null) {
            throw new NotFound("No mail " + id);
        }
        return MailView.of(mail);
    }

    public void resend(long id) {
        MailMessage mail = find(id);
        if (mail.getStatus() == MailStatus.QUEUED) {
            throw new Conflict("Mail " + id + " is still queued");
        }
        MailStatus before = mail.getStatus();
        Instant now = clock.instant();
        mail.requeue(now);
        mail.scheduleWatchdog(now.plus(policy.watchdog()));
        // the row is written (and locked) before the trigger exists: a delivery that starts before this
        // transaction commits waits for it and sees the mail queued
        em.flush();
        queue.send(id);
        audit.fire(AuditEvent.byCaller(AuditAction.MAIL_RESENT, null,
                "mail " + id + " (" + mail.getKind() + ") was " + before));
    }

    public void cancel(long id) {
        MailMessage mail = find(id);
        if (mail.getStatus() != MailStatus.QUEUED && mail.getStatus() != MailStatus.DEAD) {
            throw new Conflict("Only queued or dead mail can be cancelled; mail " + id + " is " + mail.getStatus());
        }
        MailStatus before = mail.getStatus();
        mail.cancel();
        audit.fire(AuditEvent.byCaller(AuditAction.MAIL_CANCELLED, null,
                "mail " + id + " (" + mail.getKind() + ") was " + before));
    }

    /** Locked and read fresh: a delivery in progress finishes first, and its outcome is what is judged. */
    private MailMessage find(long id) {
        MailMessage mail = em.find(MailMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (mail == null) {
            throw new NotFound("No mail " + id);
        }
        return mail;
    }

    private static int limit(int max) {
        return Math.min(Math.max(1, max), 500);
    }

    /** Counting, shared with the metrics. */
    static final class MailCounts {
        private MailCounts() {
        }

        static Map<MailStatus, Long> of(EntityManager em) {
            Map<MailStatus, Long> counts = new EnumMap<>(MailStatus.class);
            for (MailStatus status : MailStatus.values()) {
                counts.put(status, 0L);
            }
            for (Object[] row : em.createNamedQuery(MailMessage.COUNT_BY_STATUS, Object[].class).getResultList()) {
                counts.put((MailStatus) row[0], ((Number) row[1]).longValue());
            }
            return counts;
        }
    }
}
