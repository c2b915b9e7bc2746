// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.control;

import java.util.List;
import org.imageshare.dicomweb.control.Matches.InstanceMatch;
import org.imageshare.dicomweb.control.Matches.SeriesMatch;
import org.imageshare.dicomweb.control.Matches.StudyMatch;
import org.imageshare.study.control.StoredObject;

/**
 * What one DICOMweb request may read, already bound to its caller: staff ({@code DicomWebService}, every study)
 * or a share link ({@code SharedStudies} with the grant authorized for this request). The REST layer serves
 * QIDO-RS and WADO-RS once, over this.
 */
public interface DicomWebAccess {

    List<StudyMatch> studies(StudyQuery query);

    List<SeriesMatch> series(String studyUid, String modality, String seriesUid);

    List<InstanceMatch> instances(String studyUid, String seriesUid, String sopUid);

    /** @throws org.imageshare.platform.control.NotFound outside the scope or when nothing matches */
    List<StoredObject> files(String studyUid, String seriesUid, String sopUid);
}
