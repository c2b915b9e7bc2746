// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import java.time.Instant;
import java.util.List;
import org.imageshare.enrolment.entity.Patient;
import org.imageshare.study.entity.Study;

/**
 * A matched study as the staff study list shows it (the JSON of {@code GET /api/v1/studies}), with its
 * release state at the time it was read.
 */
public record StaffStudyView(String studyInstanceUid, String patientName, String patientId, String studyDate,
        List<String> modalities, String description, int numberOfSeries, int numberOfInstances, Instant receivedAt,
        Instant releaseAt, ReleaseState state) {

    public static StaffStudyView of(Study study, Instant now) {
        Patient p = study.getPatient().orElseThrow();
        return new StaffStudyView(study.getStudyInstanceUid(), p.getFamilyName() + ", " + p.getGivenName(),
                p.getPatientId(), study.getStudyDate().map(Object::toString).orElse(null), study.getModalities(),
                study.getDescription().orElse(null), study.getNumberOfSeries(), study.getNumberOfInstances(),
                study.getReceivedAt(), study.getReleaseAt(), ReleaseState.of(study.isHeld(), study.getReleaseAt(), now));
    }

    @Override
    public String toString() {
        return "StaffStudyView[uid=" + studyInstanceUid + "]";
    }
}
