// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.control;

import java.util.List;

/**
 * One study the PACS found, for staff (holds the PACS's patient ID and name: never log it).
 *
 * @param studyDate         {@code 2024-01-10} or null
 * @param numberOfSeries    as the PACS counted, or null if it did not say
 * @param numberOfInstances as the PACS counted, or null if it did not say
 * @param localInstances    images of this study already in ImageShare, or null when it has none
 */
public record PacsStudyView(String studyInstanceUid, String studyDate, String studyTime, String accessionNumber,
                            String description, List<String> modalities, Integer numberOfSeries,
                            Integer numberOfInstances, String patientId, String patientName,
                            Integer localInstances) implements java.io.Serializable {
}
