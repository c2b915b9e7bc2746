// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.study.entity.Study;

/** Reading the study index for the portal. */
@ApplicationScoped
public class StudyQueries {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** The studies of an account's patient whose release hold has passed, newest first; empty for no account. */
    public List<StudySummary> releasedOf(long accountId) {
        PatientAccount account = em.find(PatientAccount.class, accountId);
        if (account == null) {
            return List.of();
        }
        return em.createNamedQuery(Study.FIND_RELEASED_OF_PATIENT, Study.class)
                .setParameter("patient", account.getPatient()).setParameter("now", clock.instant())
                .getResultStream().map(StudySummary::of).toList();
    }
}
