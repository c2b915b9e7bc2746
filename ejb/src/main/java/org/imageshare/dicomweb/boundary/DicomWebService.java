// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.imageshare.dicomweb.control.DicomWebAccess;
import org.imageshare.dicomweb.control.DicomWebQueries;
import org.imageshare.dicomweb.control.DicomWebScope;
import org.imageshare.dicomweb.control.Matches.InstanceMatch;
import org.imageshare.dicomweb.control.Matches.SeriesMatch;
import org.imageshare.dicomweb.control.Matches.StudyMatch;
import org.imageshare.dicomweb.control.StudyQuery;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.control.StoredObject;

/**
 * DICOMweb for staff: QIDO-RS searches over every study in the index (matched or not) and the stored
 * files WADO-RS sends ({@link DicomWebQueries} with {@link DicomWebScope#all()}). Staff only; STOW-RS goes
 * through {@link org.imageshare.ingest.boundary.ObjectImport}.
 */
@Stateless
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
public class DicomWebService {

    @Inject
    DicomWebQueries queries;

    public List<StudyMatch> studies(StudyQuery query) {
        return queries.studies(DicomWebScope.all(), query);
    }

    public List<SeriesMatch> series(String studyInstanceUid, String modality, String seriesInstanceUid) {
        return queries.series(DicomWebScope.all(), studyInstanceUid, modality, seriesInstanceUid);
    }

    public List<InstanceMatch> instances(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        return queries.instances(DicomWebScope.all(), studyInstanceUid, seriesInstanceUid, sopInstanceUid);
    }

    /**
     * The stored files of a study, of one of its series or of one instance (null = all).
     *
     * @throws NotFound when nothing matches
     */
    public List<StoredObject> files(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        return queries.files(DicomWebScope.all(), studyInstanceUid, seriesInstanceUid, sopInstanceUid);
    }

    /** This boundary as the {@link DicomWebAccess} of a staff request (every call goes through the EJB). */
    public static DicomWebAccess access(DicomWebService service) {
        return new DicomWebAccess() {
            @Override
            public List<StudyMatch> studies(StudyQuery query) {
                return service.studies(query);
            }

            @Override
            public List<SeriesMatch> series(String studyUid, String modality, String seriesUid) {
                return service.series(studyUid, modality, seriesUid);
            }

            @Override
            public List<InstanceMatch> instances(String studyUid, String seriesUid, String sopUid) {
                return service.instances(studyUid, seriesUid, sopUid);
            }

            @Override
            public List<StoredObject> files(String studyUid, String seriesUid, String sopUid) {
                return service.files(studyUid, seriesUid, sopUid);
            }
        };
    }
}
