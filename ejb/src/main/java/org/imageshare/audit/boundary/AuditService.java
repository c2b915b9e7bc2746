// SPDX-License-Identifier: Apache-2.0
package org.imageshare.audit.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.audit.entity.AuditRecord;
import org.imageshare.staff.entity.StaffRole;

/** Admins read the audit trail, newest first. */
@Stateless
@RolesAllowed(StaffRole.ADMIN)
public class AuditService {

    /** One audit line for display. */
    public record AuditLine(long id, Instant time, AuditAction action, String actor, Long accountId, String address,
            String detail) {
        static AuditLine of(AuditRecord r) {
            return new AuditLine(r.getId(), r.getOccurredAt(), r.getAction(), r.getActor(),
                    r.getAccountId().orElse(null), r.getAddress(), r.getDetail());
        }
    }

    @PersistenceContext
    EntityManager em;

    public List<AuditLine> page(int first, int max) {
        return em.createNamedQuery(AuditRecord.FIND_PAGE, AuditRecord.class)
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.min(Math.max(1, max), 500))
                .getResultStream().map(AuditLine::of).toList();
    }

    public long count() {
        return em.createNamedQuery(AuditRecord.COUNT_ALL, Long.class).getSingleResult();
    }

    public List<AuditLine> ofAccount(long accountId, int max) {
        return em.createNamedQuery(AuditRecord.FIND_BY_ACCOUNT, AuditRecord.class)
                .setParameter("accountId", accountId).setMaxResults(Math.min(Math.max(1, max), 500))
                .getResultStream().map(AuditLine::of).toList();
    }
}
