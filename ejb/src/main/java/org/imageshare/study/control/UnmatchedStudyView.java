// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import java.time.Instant;
import java.util.List;
import org.imageshare.study.entity.DicomPatient;
import org.imageshare.study.entity.Study;

/**
 * A study no enrolled patient claimed, as the staff worklist shows it (the JSON of
 * {@code GET /api/v1/studies/unmatched}). Holds the DICOM patient identity: for staff only, never logged.
 *
 * @param studyDate ISO date or null
 * @param callingAeTitle who sent it, or null when not recorded
 */
public record UnmatchedStudyView(String studyInstanceUid, String dicomPatientId, String dicomIssuer,
        String dicomPatientName, String dicomBirthDate, String studyDate, List<String> modalities, String description,
        int numberOfSeries, int numberOfInstances, Instant receivedAt, String callingAeTitle) {

    public static UnmatchedStudyView of(Study study) {
        DicomPatient p = study.getDicomPatient();
        return new UnmatchedStudyView(study.getStudyInstanceUid(), p.patientId(), p.issuer(), displayName(p.name()),
                p.birthDate(), study.getStudyDate().map(Object::toString).orElse(null), study.getModalities(),
                study.getDescription().orElse(null), study.getNumberOfSeries(), study.getNumberOfInstances(),
                study.getReceivedAt(), study.getCallingAeTitle().orElse(null));
    }

    /** A DICOM person name ({@code Family^Given^Middle^Prefix^Suffix}) as people write it: {@code Family, Given Middle}. */
    static String displayName(String dicomName) {
        if (dicomName == null || dicomName.isBlank()) {
            return "";
        }
        String alphabetic = dicomName.split("=", -1)[0];
        String[] parts = alphabetic.split("\\^", -1);
        String family = parts[0].strip();
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < Math.min(parts.length, 3); i++) {
            if (!parts[i].isBlank()) {
                rest.append(rest.isEmpty() ? "" : " ").append(parts[i].strip());
            }
        }
        if (rest.isEmpty()) {
            return family.isEmpty() ? dicomName.strip() : family;
        }
        return family.isEmpty() ? rest.toString() : family + ", " + rest;
    }

    @Override
    public String toString() {
        return "UnmatchedStudyView[uid=" + studyInstanceUid + "]";
    }
}
