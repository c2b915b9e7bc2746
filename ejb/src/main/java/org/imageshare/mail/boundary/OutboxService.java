// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.imageshare.mail.control.MailQueue;
import org.imageshare.mail.control.MailRetryPolicy;
import org.imageshare.mail.control.MailView;
import org.imageshare.mail.entity.MailMessage;
import org.imageshare.mail.entity.MailStatus;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;

/** The outbox for admins: what was sent, what waits, what failed; resend and cancel. */
@Stateless
@RolesAllowed(StaffRole.ADMIN)
public class OutboxService {

    @PersistenceContext
    EntityManager em;

    @Inject
    MailQueue queue;

    @Inject
    Clock clock;

    public List<MailView> recent(int first, int max) {
        return em.createNamedQuery(MailMessage.FIND_RECENT, MailMessage.class)
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.min(Math.max(1, max), 500))
                .getResultStream().map(MailView::of).toList();
    }

    public MailView get(long id) {
        return MailView.of(find(id));
    }

    public void resend(long id) {
        MailMessage mail = find(id);
        if (mail.getStatus() == MailStatus.QUEUED) {
            throw new Conflict("Mail " + id + " is still queued");
        }
        Instant now = clock.instant();
        mail.requeue(now);
        mail.scheduleWatchdog(now.plus(MailRetryPolicy.WATCHDOG));
        queue.send(id);
    }

    public void cancel(long id) {
        MailMessage mail = find(id);
        if (mail.getStatus() != MailStatus.QUEUED) {
            throw new Conflict("Only queued mail can be cancelled; mail " + id + " is " + mail.getStatus());
        }
        mail.cancel();
    }

    private MailMessage find(long id) {
        MailMessage mail = em.find(MailMessage.class, id);
        if (mail == null) {
            throw new NotFound("No mail " + id);
        }
        return mail;
    }
}
