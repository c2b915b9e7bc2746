// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.control;

/**
 * A study to retrieve. Only the UID is required; the rest (from the C-FIND) is shown in the task table.
 *
 * @param expected images the PACS said the study has, or null
 */
public record RetrieveItem(String studyInstanceUid, String patientId, String studyDate, String modalities,
                           String description, Integer expected) {

    public static RetrieveItem ofUid(String studyInstanceUid) {
        return new RetrieveItem(studyInstanceUid, "", "", "", "", null);
    }
}
