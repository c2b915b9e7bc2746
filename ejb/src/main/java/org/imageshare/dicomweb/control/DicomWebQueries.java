// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.imageshare.dicomweb.control.Matches.InstanceMatch;
import org.imageshare.dicomweb.control.Matches.SeriesMatch;
import org.imageshare.dicomweb.control.Matches.StudyMatch;
import org.imageshare.platform.control.NotFound;
import org.imageshare.study.control.StoredObject;
import org.imageshare.study.control.StudyFiles;

/**
 * QIDO-RS searches and the files WADO-RS sends, within a {@link DicomWebScope}: the one implementation behind
 * staff DICOMweb (every study) and a share link's DICOMweb (the grant's studies). The boundaries decide who
 * may call and with which scope.
 */
@ApplicationScoped
public class DicomWebQueries {

    @Inject
    IndexSearch search;

    @Inject
    StudyFiles files;

    /** QIDO-RS studies: the query's keys apply within the scope. */
    public List<StudyMatch> studies(DicomWebScope scope, StudyQuery query) {
        if (scope.studyInstanceUids().isEmpty()) {
            return search.studies(query);
        }
        Set<String> allowed = scope.studyInstanceUids().get();
        List<String> uids = query.studyInstanceUids().isEmpty() ? List.copyOf(allowed)
                : query.studyInstanceUids().stream().filter(allowed::contains).distinct().toList();
        if (uids.isEmpty()) {
            return List.of();
        }
        return search.studies(new StudyQuery(uids, query.patientId(), query.patientName(), query.dateFrom(),
                query.dateTo(), query.modality(), query.accessionNumber(), query.offset(), query.limit()));
    }

    /** QIDO-RS series of a study (an empty list for an unknown study within the scope). */
    public List<SeriesMatch> series(DicomWebScope scope, String studyUid, String modality, String seriesUid) {
        require(scope, studyUid);
        return search.series(studyUid, modality, seriesUid);
    }

    /** QIDO-RS instances of a study, optionally of one series and/or one SOP instance. */
    public List<InstanceMatch> instances(DicomWebScope scope, String studyUid, String seriesUid, String sopUid) {
        require(scope, studyUid);
        return search.instances(studyUid, seriesUid, sopUid);
    }

    /**
     * The stored files of a study, of one of its series or of one instance (null = all).
     *
     * @throws NotFound outside the scope, or when nothing matches
     */
    public List<StoredObject> files(DicomWebScope scope, String studyUid, String seriesUid, String sopUid) {
        require(scope, studyUid);
        List<StoredObject> found = files.of(studyUid).stream()
                .filter(o -> seriesUid == null || o.seriesInstanceUid().equals(seriesUid))
                .filter(o -> sopUid == null || o.sopInstanceUid().equals(sopUid))
                .toList();
        if (found.isEmpty()) {
            throw new NotFound("no such study, series or instance");
        }
        return found;
    }

    private static void require(DicomWebScope scope, String studyUid) {
        if (!scope.covers(studyUid)) {
            throw new NotFound("no such study");
        }
    }
}
