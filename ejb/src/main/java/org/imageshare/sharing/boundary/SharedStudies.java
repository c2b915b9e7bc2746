// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.imageshare.dicomweb.control.IndexSearch;
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
import org.imageshare.study.control.StudyFiles;

/**
 * What a share link's holder may take: the ZIP of a shared study and read-only DICOMweb (QIDO-RS, WADO-RS)
 * over exactly the grant's studies. Every method takes the {@link ShareGrant} authorized for the current
 * request; a study outside it is "not found", like an unknown one (QIDO simply does not list it).
 */
@Stateless
@PermitAll
public class SharedStudies {

    @Inject
    StudyDownloads downloads;

    @Inject
    IndexSearch search;

    @Inject
    StudyFiles files;

    /** The ZIP of one shared study; audits STUDY_DOWNLOADED on the patient's account as {@code share <id>: …}. */
    public PreparedDownload download(ShareGrant grant, String studyInstanceUid) {
        return downloads.prepare(new DownloadGrant(grant.studyInstanceUids(), grant.accountId(),
                "share " + grant.shareId()), studyInstanceUid);
    }

    /** QIDO-RS studies: the query's other keys apply, but only within the grant's studies. */
    public List<StudyMatch> studies(ShareGrant grant, StudyQuery query) {
        List<String> uids = query.studyInstanceUids().isEmpty() ? List.copyOf(grant.studyInstanceUids())
                : query.studyInstanceUids().stream().filter(grant::covers).distinct().toList();
        if (uids.isEmpty()) {
            return List.of();
        }
        return search.studies(new StudyQuery(uids, query.patientId(), query.patientName(), query.dateFrom(),
                query.dateTo(), query.modality(), query.accessionNumber(), query.offset(), query.limit()));
    }

    public List<SeriesMatch> series(ShareGrant grant, String studyInstanceUid, String modality, String seriesUid) {
        shared(grant, studyInstanceUid);
        return search.series(studyInstanceUid, modality, seriesUid);
    }

    public List<InstanceMatch> instances(ShareGrant grant, String studyInstanceUid, String seriesUid, String sopUid) {
        shared(grant, studyInstanceUid);
        return search.instances(studyInstanceUid, seriesUid, sopUid);
    }

    /**
     * The stored files of a shared study, of one of its series or of one instance (null = all).
     *
     * @throws NotFound outside the grant, or when nothing matches
     */
    public List<StoredObject> files(ShareGrant grant, String studyInstanceUid, String seriesUid, String sopUid) {
        shared(grant, studyInstanceUid);
        List<StoredObject> found = files.of(studyInstanceUid).stream()
                .filter(o -> seriesUid == null || o.seriesInstanceUid().equals(seriesUid))
                .filter(o -> sopUid == null || o.sopInstanceUid().equals(sopUid))
                .toList();
        if (found.isEmpty()) {
            throw new NotFound("no such study, series or instance");
        }
        return found;
    }

    private static void shared(ShareGrant grant, String studyInstanceUid) {
        if (studyInstanceUid == null || !grant.covers(studyInstanceUid)) {
            throw new NotFound("no such study");
        }
    }
}
