// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import java.util.List;
import org.imageshare.study.entity.Study;

/**
 * A study as its patient's list shows it (the JSON of {@code GET /api/v1/patient/studies}).
 *
 * @param studyDate ISO date ({@code 2004-01-19}) or null when the study has none
 */
public record StudySummary(String studyInstanceUid, String studyDate, List<String> modalities,
                           String description, int numberOfSeries, int numberOfInstances) {

    public static StudySummary of(Study study) {
        return new StudySummary(study.getStudyInstanceUid(),
                study.getStudyDate().map(Object::toString).orElse(null), study.getModalities(),
                study.getDescription().orElse(null), study.getNumberOfSeries(), study.getNumberOfInstances());
    }
}
