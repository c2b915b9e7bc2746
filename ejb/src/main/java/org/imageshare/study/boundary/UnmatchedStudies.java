// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.enrolment.control.PatientView;
import org.imageshare.enrolment.entity.AccountNumber;
import org.imageshare.enrolment.entity.Patient;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.control.LinkPreview;
import org.imageshare.study.control.StudyRemoval;
import org.imageshare.study.control.UnmatchedStudyView;
import org.imageshare.study.entity.Study;

/**
 * The unmatched worklist: studies no enrolled patient claimed. Staff link one to an enrolled patient or
 * discard it (rows now, files once committed). Both are audited with the staff user as actor. Linking a
 * study whose DICOM Patient ID or issuer differs from the patient's needs an explicit confirmation; a
 * study that is (or meanwhile became) matched is neither linked again nor discarded here.
 */
@Stateless
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
public class UnmatchedStudies {

    private static final int MAX_RESULTS = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    StudyRemoval removal;

    @Inject
    Event<AuditEvent> audit;

    /** Unmatched studies, most recently received first (at most 200). */
    public List<UnmatchedStudyView> list() {
        return em.createNamedQuery(Study.FIND_UNMATCHED, Study.class).setMaxResults(MAX_RESULTS).getResultStream()
                .map(UnmatchedStudyView::of).toList();
    }

    /** The study and the patient side by side, before linking. */
    public LinkPreview preview(String studyInstanceUid, String accountNumber) {
        Study study = unmatched(studyInstanceUid, false);
        PatientAccount account = account(accountNumber);
        return new LinkPreview(UnmatchedStudyView.of(study), PatientView.of(account), differs(study, account.getPatient()));
    }

    /**
     * Gives the study to the patient of the account.
     *
     * @param confirmed staff confirmed the link although Patient ID or issuer differ
     * @throws Conflict when the study is no longer unmatched, or the identifiers differ and it was not confirmed
     */
    public LinkPreview link(String studyInstanceUid, String accountNumber, boolean confirmed) {
        Study study = unmatched(studyInstanceUid, true);
        PatientAccount account = account(accountNumber);
        boolean differs = differs(study, account.getPatient());
        if (differs && !confirmed) {
            throw new Conflict("The study's DICOM patient ID or issuer differs from the patient's. Compare both "
                    + "and confirm to link it anyway.");
        }
        LinkPreview before = new LinkPreview(UnmatchedStudyView.of(study), PatientView.of(account), differs);
        study.assignTo(account.getPatient());
        audit.fire(AuditEvent.byCaller(AuditAction.STUDY_LINKED, account.getId(), "study " + study.getStudyInstanceUid()
                + " linked by staff" + (differs ? " (patient ID or issuer differed, confirmed)" : "")));
        return before;
    }

    /** Deletes an unmatched study with its series, instances and files. */
    public void discard(String studyInstanceUid) {
        Study study = unmatched(studyInstanceUid, true);
        int instances = removal.remove(study);
        audit.fire(AuditEvent.byCaller(AuditAction.STUDY_DISCARDED, null,
                "study " + studyInstanceUid + " discarded by staff (" + instances + " instances)"));
    }

    private Study unmatched(String uid, boolean lock) {
        if (uid == null || uid.isBlank() || uid.length() > Study.UID_LENGTH) {
            throw new InvalidInput("studyInstanceUid", "Give the study instance UID.");
        }
        var query = em.createNamedQuery(Study.FIND_BY_UID, Study.class).setParameter("uid", uid.strip());
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        Study study = query.getResultStream().findFirst().orElseThrow(() -> new NotFound("No such study."));
        if (study.isMatched()) {
            throw new Conflict("This study already belongs to a patient; it is no longer on the unmatched worklist.");
        }
        return study;
    }

    private PatientAccount account(String accountNumber) {
        AccountNumber number = AccountNumber.parse(accountNumber)
                .orElseThrow(() -> new InvalidInput("accountNumber", "Enter the patient's 8-digit account number."));
        return em.createNamedQuery(PatientAccount.FIND_BY_NUMBER, PatientAccount.class).setParameter("number", number)
                .getResultStream().findFirst().orElseThrow(() -> new NotFound("No patient has this account number."));
    }

    private static boolean differs(Study study, Patient patient) {
        return !study.getDicomPatient().patientId().equals(patient.getPatientId())
                || !study.getDicomPatient().issuer().equals(patient.getIssuer());
    }
}
