// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.study.entity.Study;

/**
 * Audits each release once: every minute, the matched, not-held studies whose release time has passed and
 * whose release is not yet audited get a {@code STUDY_RELEASED} line and are marked. The state lives in the
 * database, so releases that fell due while the server was down are audited at the next run. Runs without
 * a caller (the timer), hence no roles; nothing exposes it over HTTP.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class ReleaseAudit {

    /** Audit actor of what the release timer did. */
    public static final String ACTOR = "system";
    private static final int BATCH = 500;
    private static final System.Logger LOG = System.getLogger(ReleaseAudit.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    @Schedule(minute = "*", hour = "*", persistent = false, info = "release audit")
    void everyMinute() {
        int audited = auditDue();
        if (audited > 0) {
            LOG.log(Level.INFO, "Release audited for {0} studies", audited);
        }
    }

    /** Audits the releases due now; returns how many (at most 500 per call). */
    public int auditDue() {
        Instant now = clock.instant();
        List<Study> due = em.createNamedQuery(Study.FIND_RELEASE_UNAUDITED, Study.class).setParameter("now", now)
                .setMaxResults(BATCH).getResultList();
        due.forEach(study -> auditIfDue(study, now, ACTOR, "released after the hold"));
        return due.size();
    }

    /**
     * Writes the release audit line of a study now visible to its patient, unless already written.
     *
     * @param actor who released it; null = the caller
     */
    public void auditIfDue(Study study, Instant now, String actor, String how) {
        if (!study.isMatched() || study.isReleasedAudited() || !study.isReleasedAt(now)) {
            return;
        }
        study.markReleaseAudited();
        Long accountId = em.createNamedQuery(PatientAccount.FIND_BY_PATIENT, PatientAccount.class)
                .setParameter("patient", study.getPatient().orElseThrow()).getResultStream().findFirst()
                .map(PatientAccount::getId).orElse(null);
        audit.fire(new AuditEvent(AuditAction.STUDY_RELEASED, actor, accountId,
                "study " + study.getStudyInstanceUid() + " " + how));
    }
}
