// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The header attributes of a received object that the application indexes, decoded to Java strings
 * honouring Specific Character Set (0008,0005).
 *
 * <p>Strings are never null: an absent or empty attribute is {@code ""}. Leading and trailing
 * padding is removed; multiple values are joined with a backslash. Dates (DA) and times (TM) are
 * the DICOM strings as received ({@code YYYYMMDD}, {@code HHMMSS.FFFFFF}). The patient name is the
 * DICOM PN form ({@code Family^Given^Middle^Prefix^Suffix}, component groups separated by
 * {@code =}). Integers are empty when absent or not a number.
 *
 * <p>{@link #toString()} prints no patient data.
 */
public record DicomHeader(
        String patientId,
        String issuerOfPatientId,
        String patientName,
        String patientBirthDate,
        String studyInstanceUid,
        String studyDate,
        String studyTime,
        String studyDescription,
        String accessionNumber,
        String modality,
        String seriesInstanceUid,
        OptionalInt seriesNumber,
        String seriesDescription,
        OptionalInt instanceNumber,
        OptionalInt numberOfFrames,
        OptionalInt rows,
        OptionalInt columns,
        String specificCharacterSet) {

    public DicomHeader {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(issuerOfPatientId, "issuerOfPatientId");
        Objects.requireNonNull(patientName, "patientName");
        Objects.requireNonNull(patientBirthDate, "patientBirthDate");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(studyDate, "studyDate");
        Objects.requireNonNull(studyTime, "studyTime");
        Objects.requireNonNull(studyDescription, "studyDescription");
        Objects.requireNonNull(accessionNumber, "accessionNumber");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(seriesNumber, "seriesNumber");
        Objects.requireNonNull(seriesDescription, "seriesDescription");
        Objects.requireNonNull(instanceNumber, "instanceNumber");
        Objects.requireNonNull(numberOfFrames, "numberOfFrames");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(specificCharacterSet, "specificCharacterSet");
    }

    @Override
    public String toString() {
        return "DicomHeader[study=" + studyInstanceUid + ", series=" + seriesInstanceUid
                + ", modality=" + modality + "]";
    }
}
