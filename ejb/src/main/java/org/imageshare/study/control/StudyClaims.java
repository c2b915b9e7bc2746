// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.enrolment.control.PatientEnrolled;
import org.imageshare.enrolment.entity.Patient;
import org.imageshare.study.entity.Study;

/**
 * A newly enrolled patient claims the unmatched studies that carry their Patient ID + Issuer, in the
 * enrolment's transaction; each claim is audited as a match.
 */
@ApplicationScoped
public class StudyClaims {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<AuditEvent> audit;

    @Transactional(TxType.MANDATORY)
    void claim(@Observes PatientEnrolled enrolled) {
        Patient patient = em.find(Patient.class, enrolled.patientId());
        List<Study> unmatched = em.createNamedQuery(Study.FIND_UNMATCHED_BY_IDENTIFIER, Study.class)
                .setParameter("patientId", patient.getPatientId()).setParameter("issuer", patient.getIssuer())
                .getResultList();
        for (Study study : unmatched) {
            study.assignTo(patient);
            audit.fire(AuditEvent.byCaller(AuditAction.STUDY_MATCHED, enrolled.accountId(),
                    "study " + study.getStudyInstanceUid() + " claimed at enrolment"));
        }
    }
}
