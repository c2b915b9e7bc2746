// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.imageshare.dicomweb.control.IndexSearch;
import org.imageshare.dicomweb.control.Matches.InstanceMatch;
import org.imageshare.dicomweb.control.Matches.SeriesMatch;
import org.imageshare.dicomweb.control.Matches.StudyMatch;
import org.imageshare.dicomweb.control.StudyQuery;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.control.StoredObject;
import org.imageshare.study.control.StudyFiles;

/**
 * DICOMweb for staff: QIDO-RS searches over every study in the index (matched or not) and the stored
 * files WADO-RS sends. Staff only; STOW-RS goes through {@link org.imageshare.ingest.boundary.ObjectImport}.
 */
@Stateless
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
public class DicomWebService {

    @Inject
    IndexSearch search;

    @Inject
    StudyFiles files;

    public List<StudyMatch> studies(StudyQuery query) {
        return search.studies(query);
    }

    public List<SeriesMatch> series(String studyInstanceUid, String modality, String seriesInstanceUid) {
        return search.series(studyInstanceUid, modality, seriesInstanceUid);
    }

    public List<InstanceMatch> instances(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        return search.instances(studyInstanceUid, seriesInstanceUid, sopInstanceUid);
    }

    /**
     * The stored files of a study, of one of its series or of one instance (null = all).
     *
     * @throws NotFound when nothing matches
     */
    public List<StoredObject> files(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        List<StoredObject> found = files.of(studyInstanceUid).stream()
                .filter(o -> seriesInstanceUid == null || o.seriesInstanceUid().equals(seriesInstanceUid))
                .filter(o -> sopInstanceUid == null || o.sopInstanceUid().equals(sopInstanceUid))
                .toList();
        if (found.isEmpty()) {
            throw new NotFound("no such study, series or instance");
        }
        return found;
    }
}
