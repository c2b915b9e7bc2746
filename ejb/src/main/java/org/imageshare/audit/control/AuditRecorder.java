// SPDX-License-Identifier: Apache-2.0
package org.imageshare.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.security.Principal;
import java.sql.Connection;
import java.time.Clock;
import org.imageshare.audit.entity.AuditRecord;

/** The single writer of the audit trail: one observer, in the transaction of the audited action. */
@ApplicationScoped
public class AuditRecorder {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RequestOrigin origin;

    @Inject
    SecurityContext securityContext;

    @Transactional(TxType.MANDATORY)
    void record(@Observes AuditEvent event) {
        String actor = event.actor() != null ? event.actor() : caller();
        // The record's id may need a new block from audit_record_seq. EclipseLink fetches it over this
        // transaction's own connection once the transaction holds one, else over a second pooled connection while
        // holding the sequence's lock — and with the pool busy (50 clients opening a link) every other request
        // queued behind that lock (issue 5's link page). So the connection is taken first.
        em.unwrap(Connection.class);
        em.persist(new AuditRecord(clock.instant(), event.action(), actor, event.accountId(), address(),
                event.detail()));
    }

    private String caller() {
        try {
            Principal principal = securityContext.getCallerPrincipal();
            return principal == null ? "anonymous" : principal.getName();
        } catch (RuntimeException e) {
            return "system";
        }
    }

    private String address() {
        try {
            return origin.address();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }
}
