// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.control;

import java.time.LocalDate;
import java.util.List;
import org.imageshare.study.entity.Instance;
import org.imageshare.study.entity.Series;
import org.imageshare.study.entity.Study;

/** QIDO-RS results as immutable views of the index (they hold PHI: never log them). */
public final class Matches {

    private Matches() {
    }

    public record StudyMatch(String studyInstanceUid, LocalDate studyDate, String studyTime, String accessionNumber,
                             List<String> modalities, String description, String patientName, String patientId,
                             String issuerOfPatientId, String patientBirthDate, int numberOfSeries,
                             int numberOfInstances) {
        public static StudyMatch of(Study s) {
            var p = s.getDicomPatient();
            return new StudyMatch(s.getStudyInstanceUid(), s.getStudyDate().orElse(null), s.getStudyTime().orElse(""),
                    s.getAccessionNumber().orElse(""), s.getModalities(), s.getDescription().orElse(""), p.name(),
                    p.patientId(), p.issuer(), p.birthDate(), s.getNumberOfSeries(), s.getNumberOfInstances());
        }

        @Override
        public String toString() {
            return "StudyMatch[" + studyInstanceUid + "]";
        }
    }

    public record SeriesMatch(String studyInstanceUid, String seriesInstanceUid, String modality, Integer seriesNumber,
                              String description, int numberOfInstances) {
        public static SeriesMatch of(Series s) {
            return new SeriesMatch(s.getStudy().getStudyInstanceUid(), s.getSeriesInstanceUid(),
                    s.getModality().orElse(""), s.getSeriesNumber().orElse(null), s.getDescription().orElse(""),
                    s.getNumberOfInstances());
        }
    }

    public record InstanceMatch(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
                                String sopClassUid, String transferSyntaxUid, Integer instanceNumber,
                                Integer numberOfFrames) {
        public static InstanceMatch of(Instance i) {
            return new InstanceMatch(i.getSeries().getStudy().getStudyInstanceUid(),
                    i.getSeries().getSeriesInstanceUid(), i.getSopInstanceUid(), i.getSopClassUid(),
                    i.getTransferSyntaxUid(), i.getInstanceNumber().orElse(null), i.getNumberOfFrames().orElse(null));
        }
    }
}
