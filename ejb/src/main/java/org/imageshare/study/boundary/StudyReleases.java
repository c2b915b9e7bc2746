// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.control.StaffStudyView;
import org.imageshare.study.entity.Study;

/**
 * The release hold of matched studies, for staff: the recent studies with their state, release now, hold
 * (hidden from the patient until released). A hold is audited at once ({@code STUDY_HELD}); a release is
 * audited by {@link ReleaseAudit} when it takes effect, whether it came from staff or from the delay.
 */
@Stateless
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
public class StudyReleases {

    private static final int MAX_RESULTS = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ReleaseAudit releaseAudit;

    @Inject
    Event<AuditEvent> audit;

    /** Matched studies, most recently received first (at most 100). */
    public List<StaffStudyView> recent() {
        Instant now = clock.instant();
        return em.createNamedQuery(Study.FIND_RECENT_MATCHED, Study.class).setMaxResults(MAX_RESULTS)
                .getResultStream().map(s -> StaffStudyView.of(s, now)).toList();
    }

    /** Makes the study visible to its patient now; the release is audited in the same transaction. */
    public StaffStudyView releaseNow(String studyInstanceUid) {
        Study study = matched(studyInstanceUid);
        Instant now = clock.instant();
        study.releaseNow(now);
        releaseAudit.auditIfDue(study, now, null, "released now by staff");
        return StaffStudyView.of(study, now);
    }

    /** Hides the study from its patient until staff release it. */
    public StaffStudyView hold(String studyInstanceUid) {
        Study study = matched(studyInstanceUid);
        if (!study.isHeld()) {
            study.hold();
            audit.fire(AuditEvent.byCaller(AuditAction.STUDY_HELD, accountOf(study),
                    "study " + study.getStudyInstanceUid() + " held by staff"));
        }
        return StaffStudyView.of(study, clock.instant());
    }

    private Study matched(String uid) {
        if (uid == null || uid.isBlank() || uid.length() > Study.UID_LENGTH) {
            throw new InvalidInput("studyInstanceUid", "Give the study instance UID.");
        }
        Study study = em.createNamedQuery(Study.FIND_BY_UID, Study.class).setParameter("uid", uid.strip())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst()
                .orElseThrow(() -> new NotFound("No such study."));
        if (!study.isMatched()) {
            throw new Conflict("This study belongs to no patient yet: link it from the unmatched worklist first.");
        }
        return study;
    }

    private Long accountOf(Study study) {
        return em.createNamedQuery(PatientAccount.FIND_BY_PATIENT, PatientAccount.class)
                .setParameter("patient", study.getPatient().orElseThrow()).getResultStream().findFirst()
                .map(PatientAccount::getId).orElse(null);
    }
}
