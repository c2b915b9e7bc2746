// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.control;

/**
 * Fired (synchronously, inside the enrolment's transaction) when a patient has been enrolled, so that
 * other capabilities can act in the same transaction — e.g. the study index claims earlier unmatched
 * studies of this patient.
 */
public record PatientEnrolled(long patientId, long accountId) {
}
