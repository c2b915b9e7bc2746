// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.imageshare.audit.entity.AuditRecord;
import org.imageshare.enrolment.entity.AccountNumber;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.mail.entity.MailMessage;

/** Test-only: reads what the boundaries wrote, straight from the database. */
@Stateless
@PermitAll
public class Probe {

    @PersistenceContext
    EntityManager em;

    public String pinHashOf(String accountNumber) {
        return account(accountNumber).getPinHash();
    }

    public boolean isLocked(String accountNumber) {
        return account(accountNumber).isLocked();
    }

    public long accountCount() {
        return em.createQuery("SELECT COUNT(a) FROM PatientAccount a", Long.class).getSingleResult();
    }

    public List<String> auditLinesOf(long accountId) {
        return em.createNamedQuery(AuditRecord.FIND_BY_ACCOUNT, AuditRecord.class)
                .setParameter("accountId", accountId).getResultStream()
                .map(r -> r.getAction() + "|" + r.getActor() + "|" + r.getAddress() + "|" + r.getDetail()).toList();
    }

    public Optional<String> mailStatusFor(String recipient) {
        em.getEntityManagerFactory().getCache().evictAll();
        return em.createNamedQuery(MailMessage.FIND_BY_RECIPIENT, MailMessage.class)
                .setParameter("recipient", recipient).getResultStream().findFirst()
                .map(m -> m.getStatus() + "|" + m.getTextBody());
    }

    private PatientAccount account(String accountNumber) {
        return em.createNamedQuery(PatientAccount.FIND_BY_NUMBER, PatientAccount.class)
                .setParameter("number", AccountNumber.parse(accountNumber).orElseThrow())
                .getSingleResult();
    }
}
