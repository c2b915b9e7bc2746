// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.imageshare.audit.entity.AuditRecord;
import org.imageshare.enrolment.entity.Patient;
import org.imageshare.study.control.StudyQueries;
import org.imageshare.study.control.StudySummary;
import org.imageshare.study.entity.Instance;
import org.imageshare.study.entity.Series;
import org.imageshare.study.entity.Study;

/** Test-only: reads (and for the release hold, moves) what ingest wrote, straight from the database. */
@Stateless
@PermitAll
public class IngestProbe {

    @PersistenceContext
    EntityManager em;

    @Inject
    StudyQueries queries;

    /** {@code studyUid|owner patient ID or -|issuer|series|instances|modalities|studyDate} per study of a DICOM patient ID. */
    public List<String> studiesOf(String dicomPatientId) {
        return em.createQuery("SELECT s FROM Study s WHERE s.dicomPatientId = :pid ORDER BY s.id", Study.class)
                .setParameter("pid", dicomPatientId).getResultStream()
                .map(s -> s.getStudyInstanceUid() + "|" + s.getPatient().map(Patient::getPatientId).orElse("-") + "|"
                        + s.getDicomPatient().issuer() + "|" + s.getNumberOfSeries() + "|" + s.getNumberOfInstances()
                        + "|" + String.join(",", s.getModalities()) + "|" + s.getStudyDate().map(Object::toString).orElse("-"))
                .toList();
    }

    /** {@code sopUid|filePath|fileSize|transferSyntax} per instance of a study. */
    public List<String> instancesOf(String studyUid) {
        Study study = em.createNamedQuery(Study.FIND_BY_UID, Study.class).setParameter("uid", studyUid).getSingleResult();
        return em.createNamedQuery(Series.FIND_BY_STUDY, Series.class).setParameter("study", study).getResultStream()
                .flatMap(series -> em.createNamedQuery(Instance.FIND_BY_SERIES, Instance.class)
                        .setParameter("series", series).getResultStream())
                .map(i -> i.getSopInstanceUid() + "|" + i.getFilePath() + "|" + i.getFileSize() + "|"
                        + i.getTransferSyntaxUid())
                .toList();
    }

    public void releaseAt(String studyUid, Instant when) {
        em.createNamedQuery(Study.FIND_BY_UID, Study.class).setParameter("uid", studyUid).getSingleResult()
                .releaseAt(when);
    }

    public List<StudySummary> releasedOf(long accountId) {
        return queries.releasedOf(accountId);
    }

    /** {@code action|actor|detail} of the audit lines whose detail mentions the text, newest first. */
    public List<String> auditLinesMentioning(String text) {
        return em.createQuery("SELECT a FROM AuditRecord a WHERE a.detail LIKE :text ORDER BY a.id DESC",
                        AuditRecord.class)
                .setParameter("text", "%" + text + "%").getResultStream()
                .map(r -> r.getAction() + "|" + r.getActor() + "|" + r.getDetail()).toList();
    }
}
