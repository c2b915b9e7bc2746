// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.util.List;
import java.util.OptionalInt;

/**
 * One study a C-FIND found. Holds PHI (patient name and ID): show it to staff, never log it.
 *
 * @param studyInstanceUid  (0020,000D)
 * @param studyDate         (0008,0020) as sent, {@code YYYYMMDD} or empty
 * @param studyTime         (0008,0030) as sent or empty
 * @param accessionNumber   (0008,0050) or empty
 * @param description       (0008,1030) or empty
 * @param modalities        (0008,0061) values
 * @param numberOfSeries    (0020,1206) if the PACS returned it
 * @param numberOfInstances (0020,1208) if the PACS returned it
 * @param patientId         (0010,0020)
 * @param patientName       (0010,0010), decoded with the response's Specific Character Set
 */
public record StudyMatch(String studyInstanceUid, String studyDate, String studyTime, String accessionNumber,
                         String description, List<String> modalities, OptionalInt numberOfSeries,
                         OptionalInt numberOfInstances, String patientId, String patientName) {

    public StudyMatch {
        modalities = List.copyOf(modalities);
    }
}
