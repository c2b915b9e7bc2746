// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.imageshare.mail.entity.MailMessage;

/**
 * Sends a due mail a new trigger, in a transaction of its own. The row is claimed by one conditional UPDATE
 * (still queued, still due; watchdog moved on, version raised) that waits for a delivery holding the row and
 * changes nothing when that delivery has sent it — so the timer never races a delivery into an optimistic-lock
 * failure, and a mail is triggered again only while it is really due. Internal: called by the retry timer.
 */
@Stateless
@PermitAll
public class MailRetrigger {

    @PersistenceContext
    EntityManager em;

    @Inject
    MailQueue queue;

    @Inject
    MailRetryPolicy policy;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean ifStillDue(long mailId, Instant now) {
        int claimed = em.createNamedQuery(MailMessage.CLAIM_DUE).setParameter("id", mailId)
                .setParameter("now", now).setParameter("watchdog", now.plus(policy.watchdog())).executeUpdate();
        if (claimed == 1) {
            queue.send(mailId);
        }
        return claimed == 1;
    }
}
