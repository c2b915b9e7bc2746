// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import org.imageshare.enrolment.control.PatientView;

/**
 * What staff compare before linking an unmatched study to a patient: the study's DICOM identity and the
 * enrolled patient's. {@code identifierDiffers} when Patient ID or issuer are not the same: linking then
 * needs an explicit confirmation.
 */
public record LinkPreview(UnmatchedStudyView study, PatientView patient, boolean identifierDiffers) {

    @Override
    public String toString() {
        return "LinkPreview[study=" + study.studyInstanceUid() + ", account=" + patient.accountId() + "]";
    }
}
