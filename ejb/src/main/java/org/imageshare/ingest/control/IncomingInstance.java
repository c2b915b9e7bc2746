// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.OptionalInt;
import org.imageshare.dicom.DicomHeader;
import org.imageshare.dicom.ReceivedObject;
import org.imageshare.study.entity.DicomPatient;
import org.imageshare.study.entity.Instance;

/**
 * One received object as the index sees it: its place in the study hierarchy, the patient it names and
 * its file in the store. Built from the adapter's {@link ReceivedObject}; holds PHI (the patient):
 * {@link #toString()} prints only UIDs.
 */
public record IncomingInstance(String callingAeTitle, DicomPatient patient, String studyInstanceUid,
                               LocalDate studyDate, String studyTime, String studyDescription,
                               String accessionNumber, String seriesInstanceUid, String modality,
                               Integer seriesNumber, String seriesDescription, String sopInstanceUid,
                               Instance.StoredFile file) {

    private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    public IncomingInstance {
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(file, "file");
    }

    /**
     * @param relativePath  where the file lies under the store root
     * @param defaultIssuer the Issuer of Patient ID assumed when the object names none
     */
    public static IncomingInstance of(ReceivedObject object, String relativePath, String defaultIssuer) {
        DicomHeader h = object.header();
        String issuer = h.issuerOfPatientId().isBlank() ? defaultIssuer : h.issuerOfPatientId();
        return new IncomingInstance(object.callingAeTitle(),
                new DicomPatient(h.patientId(), issuer, h.patientName(), h.patientBirthDate()),
                h.studyInstanceUid(), dicomDate(h.studyDate()), h.studyTime(), h.studyDescription(),
                h.accessionNumber(), h.seriesInstanceUid(), h.modality(), integer(h.seriesNumber()),
                h.seriesDescription(), object.sopInstanceUid(),
                new Instance.StoredFile(object.sopClassUid(), object.transferSyntaxUid(),
                        integer(h.instanceNumber()), integer(h.numberOfFrames()), relativePath, object.fileSize()));
    }

    /** A DICOM DA value ({@code YYYYMMDD}, also the old {@code YYYY.MM.DD}); empty when absent or invalid. */
    static LocalDate dicomDate(String value) {
        String v = value == null ? "" : value.strip().replace(".", "");
        if (v.length() != 8) {
            return null;
        }
        try {
            return LocalDate.parse(v, DICOM_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer integer(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    @Override
    public String toString() {
        return "IncomingInstance[study=" + studyInstanceUid + ", series=" + seriesInstanceUid
                + ", sop=" + sopInstanceUid + "]";
    }
}
