// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import org.imageshare.mail.control.MailQueue;
import org.imageshare.mail.control.MailRetryPolicy;
import org.imageshare.mail.entity.MailMessage;

/** Every 10 s: queued mail that is due (a retry, or a trigger that got lost) gets a new trigger. */
@Singleton
public class MailRetryTimer {

    @PersistenceContext
    EntityManager em;

    @Inject
    MailQueue queue;

    @Inject
    MailRetryPolicy policy;

    @Inject
    Clock clock;

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false, info = "mail retry")
    void retryDue() {
        Instant now = clock.instant();
        for (MailMessage mail : em.createNamedQuery(MailMessage.FIND_DUE, MailMessage.class)
                .setParameter("now", now).setMaxResults(100).getResultList()) {
            mail.scheduleWatchdog(now.plus(policy.watchdog()));
            queue.send(mail.getId());
        }
    }
}
