// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.entity;

import java.util.Objects;

/**
 * The patient as a DICOM object names them: Patient ID, Issuer of Patient ID (the configured default
 * when the object has none), Patient Name (DICOM PN form) and Birth Date (DICOM DA string). PHI:
 * {@link #toString()} prints none of it.
 */
public record DicomPatient(String patientId, String issuer, String name, String birthDate) {

    public DicomPatient {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
    }

    /** Same Patient ID and issuer (the names and dates are not compared). */
    public boolean sameIdentifier(DicomPatient other) {
        return patientId.equals(other.patientId) && issuer.equals(other.issuer);
    }

    @Override
    public String toString() {
        return "DicomPatient[…]";
    }
}
