// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.imageshare.mail.control.MailRetrigger;
import org.imageshare.mail.entity.MailMessage;

/**
 * Every 10 s: queued mail that is due (a retry, or a trigger that got lost) gets a new trigger, each in a
 * transaction of its own. It never throws: a timer that failed twice would be expunged by the container, and
 * with it every retry until the next start.
 */
@Singleton
public class MailRetryTimer {

    private static final System.Logger LOG = System.getLogger(MailRetryTimer.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    MailRetrigger retrigger;

    @Inject
    Clock clock;

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false, info = "mail retry")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void retryDue() {
        try {
            Instant now = clock.instant();
            List<Long> due = em.createNamedQuery(MailMessage.FIND_DUE_IDS, Long.class)
                    .setParameter("now", now).setMaxResults(100).getResultList();
            for (long id : due) {
                try {
                    retrigger.ifStillDue(id, now);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "mail {0}: no new trigger this time ({1})", id, e.getClass().getName());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "mail retry run failed ({0}); next run in 10 s", e.getClass().getName());
        }
    }
}
