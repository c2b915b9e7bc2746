// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.audit.entity.AuditRecord;
import org.imageshare.dicomweb.control.DicomWebAccess;
import org.imageshare.dicomweb.control.DicomWebQueries;
import org.imageshare.dicomweb.control.DicomWebScope;
import org.imageshare.dicomweb.control.Matches.InstanceMatch;
import org.imageshare.dicomweb.control.Matches.SeriesMatch;
import org.imageshare.dicomweb.control.Matches.StudyMatch;
import org.imageshare.dicomweb.control.StudyQuery;
import org.imageshare.platform.control.NotFound;
import org.imageshare.sharing.control.ShareGrant;
import org.imageshare.study.control.DownloadGrant;
import org.imageshare.study.control.PreparedDownload;
import org.imageshare.study.control.StoredObject;
import org.imageshare.study.control.StudyDownloads;

/**
 * What a share link's holder may take: the ZIP of a shared study and read-only DICOMweb (QIDO-RS, WADO-RS)
 * over exactly the grant's studies ({@link DicomWebQueries} with the grant's {@link DicomWebScope}). Every method
 * takes the {@link ShareGrant} authorized for the current request; a study outside it is "not found", like an
 * unknown one (QIDO simply does not list it).
 *
 * <p>DICOMweb reads of a shared study (everything but the study search, which shows no more than the link's
 * page) are audited {@code STUDY_RETRIEVED_DICOMWEB} on the patient's account, detail {@code share <id>
 * study=<uid>} — once per link and study per {@link #AUDIT_PERIOD}: a DICOMweb client fetches a study as one
 * request per series, instance or frame, and one line per request would bury the patient's access log.
 */
@Stateless
@PermitAll
public class SharedStudies {

    /** At most one STUDY_RETRIEVED_DICOMWEB line per link and study in this period. */
    public static final Duration AUDIT_PERIOD = Duration.ofHours(1);

    @Inject
    StudyDownloads downloads;

    @Inject
    DicomWebQueries queries;

    @Inject
    Event<AuditEvent> audit;

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    /** The ZIP of one shared study; audits STUDY_DOWNLOADED on the patient's account as {@code share <id>: …}. */
    public PreparedDownload download(ShareGrant grant, String studyInstanceUid) {
        return downloads.prepare(new DownloadGrant(grant.studyInstanceUids(), grant.accountId(),
                "share " + grant.shareId()), studyInstanceUid);
    }

    /** QIDO-RS studies: the query's other keys apply, but only within the grant's studies. Not audited. */
    public List<StudyMatch> studies(ShareGrant grant, StudyQuery query) {
        return queries.studies(scope(grant), query);
    }

    public List<SeriesMatch> series(ShareGrant grant, String studyInstanceUid, String modality, String seriesUid) {
        List<SeriesMatch> found = queries.series(scope(grant), studyInstanceUid, modality, seriesUid);
        audit(grant, studyInstanceUid);
        return found;
    }

    public List<InstanceMatch> instances(ShareGrant grant, String studyInstanceUid, String seriesUid, String sopUid) {
        List<InstanceMatch> found = queries.instances(scope(grant), studyInstanceUid, seriesUid, sopUid);
        audit(grant, studyInstanceUid);
        return found;
    }

    /**
     * The stored files of a shared study, of one of its series or of one instance (null = all).
     *
     * @throws NotFound outside the grant, or when nothing matches
     */
    public List<StoredObject> files(ShareGrant grant, String studyInstanceUid, String seriesUid, String sopUid) {
        List<StoredObject> found = queries.files(scope(grant), studyInstanceUid, seriesUid, sopUid);
        audit(grant, studyInstanceUid);
        return found;
    }

    /** This boundary as the {@link DicomWebAccess} of one request: bound to the request's grant. */
    public static DicomWebAccess bound(SharedStudies shared, ShareGrant grant) {
        return new DicomWebAccess() {
            @Override
            public List<StudyMatch> studies(StudyQuery query) {
                return shared.studies(grant, query);
            }

            @Override
            public List<SeriesMatch> series(String studyUid, String modality, String seriesUid) {
                return shared.series(grant, studyUid, modality, seriesUid);
            }

            @Override
            public List<InstanceMatch> instances(String studyUid, String seriesUid, String sopUid) {
                return shared.instances(grant, studyUid, seriesUid, sopUid);
            }

            @Override
            public List<StoredObject> files(String studyUid, String seriesUid, String sopUid) {
                return shared.files(grant, studyUid, seriesUid, sopUid);
            }
        };
    }

    private static DicomWebScope scope(ShareGrant grant) {
        return DicomWebScope.only(grant.studyInstanceUids());
    }

    /** One line per link and study per period (two requests racing may both write one: never none). */
    private void audit(ShareGrant grant, String studyInstanceUid) {
        String detail = "share " + grant.shareId() + " study=" + studyInstanceUid;
        long recent = em.createNamedQuery(AuditRecord.COUNT_SINCE, Long.class)
                .setParameter("accountId", grant.accountId())
                .setParameter("action", AuditAction.STUDY_RETRIEVED_DICOMWEB)
                .setParameter("detail", detail)
                .setParameter("since", clock.instant().minus(AUDIT_PERIOD))
                .getSingleResult();
        if (recent == 0) {
            audit.fire(AuditEvent.byCaller(AuditAction.STUDY_RETRIEVED_DICOMWEB, grant.accountId(), detail));
        }
    }
}
