// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.dicom.AssociationSummary;
import org.imageshare.enrolment.entity.Patient;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.ingest.control.IncomingInstance;
import org.imageshare.ingest.control.IndexResult;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.study.entity.Instance;
import org.imageshare.study.entity.Series;
import org.imageshare.study.entity.Study;

/**
 * Indexes received objects: Study / Series / Instance rows and the match to an enrolled patient, one
 * container-managed transaction per object, committed when {@link #index} returns.
 *
 * <p>Called only from the DICOM listener's threads (which carry no caller identity), hence
 * {@code @PermitAll}; nothing exposes it over HTTP. A study belongs to the enrolled patient with its
 * Patient ID + Issuer of Patient ID; otherwise it is unmatched. The study row is locked while an object
 * is added, so concurrent associations keep the counts exact. An object whose patient or study contradicts
 * what is stored is refused ({@link Conflict}): an image never joins another patient's study.
 *
 * <p>The DICOM listener calls it only for what {@code InstanceAppender} (plain JDBC, the common case: a new
 * instance of an indexed series) leaves: the first object of a study or series, resends and conflicts.
 */
@Stateless
@PermitAll
public class StudyIndexer {

    /** Audit actor prefix for what a DICOM peer did; followed by its AE title. */
    public static final String DICOM_ACTOR = "dicom:";

    @PersistenceContext
    EntityManager em;

    @Inject
    ImageShareConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public IndexResult index(IncomingInstance in) {
        Instant now = clock.instant();
        Study study = lockedStudy(in.studyInstanceUid()).orElseGet(() -> newStudy(in, now));
        if (!study.getDicomPatient().sameIdentifier(in.patient())) {
            throw new Conflict("SOP instance " + in.sopInstanceUid() + " names another patient than its study "
                    + in.studyInstanceUid());
        }
        Series series = findSeries(in.seriesInstanceUid()).orElse(null);
        boolean newSeries = series == null;
        if (newSeries) {
            series = new Series(study, in.seriesInstanceUid(), in.modality(), in.seriesNumber(),
                    in.seriesDescription(), now);
            em.persist(series);
            study.addModality(in.modality());
        } else if (series.getStudy().getId() != study.getId()) {
            throw new Conflict("series " + in.seriesInstanceUid() + " belongs to another study than "
                    + in.studyInstanceUid());
        }
        Optional<Instance> existing = em.createNamedQuery(Instance.FIND_BY_UID, Instance.class)
                .setParameter("uid", in.sopInstanceUid()).getResultStream().findFirst();
        if (existing.isEmpty()) {
            em.persist(new Instance(series, in.sopInstanceUid(), in.file(), now));
            series.setNumberOfInstances(series.getNumberOfInstances() + 1);
            study.updateCounts(study.getNumberOfSeries() + (newSeries ? 1 : 0), study.getNumberOfInstances() + 1, now);
            return IndexResult.created();
        }
        Instance instance = existing.get();
        String oldPath = instance.getFilePath();
        Series oldSeries = instance.getSeries();
        instance.replace(in.file(), now);
        if (oldSeries.getId() != series.getId()) {
            instance.moveTo(series);
            em.flush();
            recount(oldSeries, now);
            recount(series, now);
        }
        return IndexResult.replaced(oldPath.equals(in.file().path()) ? Optional.empty() : Optional.of(oldPath));
    }

    /** One audit line per association that stored or failed anything. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void associationEnded(AssociationSummary summary) {
        if (summary.stored() == 0 && summary.failed() == 0) {
            return;
        }
        audit.fire(new AuditEvent(AuditAction.DICOM_RECEIVED, DICOM_ACTOR + summary.callingAeTitle(), null,
                "from " + summary.callingAeTitle() + " at " + summary.remote().getAddress().getHostAddress()
                        + ": stored " + summary.stored() + ", failed " + summary.failed() + ", "
                        + (summary.released() ? "released" : "aborted") + " after "
                        + summary.duration().toMillis() + " ms"));
    }

    private Study newStudy(IncomingInstance in, Instant now) {
        Study study = new Study(in.studyInstanceUid(), in.patient(), in.studyDate(), in.studyTime(),
                in.studyDescription(), in.accessionNumber(), now, now.plus(config.releaseDelay()));
        Optional<Patient> owner = in.patient().patientId().isBlank() ? Optional.empty()
                : em.createNamedQuery(Patient.FIND_BY_IDENTIFIER, Patient.class)
                        .setParameter("patientId", in.patient().patientId())
                        .setParameter("issuer", in.patient().issuer()).getResultStream().findFirst();
        owner.ifPresent(study::assignTo);
        study.receivedFrom(in.callingAeTitle());
        em.persist(study);
        em.flush();
        String actor = DICOM_ACTOR + in.callingAeTitle();
        if (owner.isPresent()) {
            Long accountId = em.createNamedQuery(PatientAccount.FIND_BY_PATIENT, PatientAccount.class)
                    .setParameter("patient", owner.get()).getResultStream().findFirst()
                    .map(PatientAccount::getId).orElse(null);
            audit.fire(new AuditEvent(AuditAction.STUDY_MATCHED, actor, accountId, "study " + in.studyInstanceUid()));
        } else {
            audit.fire(new AuditEvent(AuditAction.STUDY_UNMATCHED, actor, null, "study " + in.studyInstanceUid()));
        }
        return study;
    }

    private Optional<Study> lockedStudy(String uid) {
        return em.createNamedQuery(Study.LOCK_BY_UID, Study.class).setParameter("uid", uid)
                .getResultStream().findFirst();
    }

    private Optional<Series> findSeries(String uid) {
        return em.createNamedQuery(Series.FIND_BY_UID, Series.class).setParameter("uid", uid)
                .getResultStream().findFirst();
    }

    private void recount(Series series, Instant now) {
        series.setNumberOfInstances(em.createNamedQuery(Instance.COUNT_BY_SERIES, Long.class)
                .setParameter("series", series).getSingleResult().intValue());
        Study study = series.getStudy();
        study.updateCounts(em.createNamedQuery(Series.COUNT_BY_STUDY, Long.class).setParameter("study", study)
                        .getSingleResult().intValue(),
                em.createNamedQuery(Instance.COUNT_BY_STUDY, Long.class).setParameter("study", study)
                        .getSingleResult().intValue(), now);
    }
}
