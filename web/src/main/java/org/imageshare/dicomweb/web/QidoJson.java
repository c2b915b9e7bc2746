// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import java.time.format.DateTimeFormatter;
import java.util.List;
import org.imageshare.dicom.DicomJson;
import org.imageshare.dicomweb.control.Matches.InstanceMatch;
import org.imageshare.dicomweb.control.Matches.SeriesMatch;
import org.imageshare.dicomweb.control.Matches.StudyMatch;
import org.imageshare.ingest.control.ImportedObject;

/** QIDO-RS results and the STOW-RS answer in the DICOM JSON model (the encoding itself is the dicom module's). */
final class QidoJson {

    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int STUDY_DATE = 0x00080020;
    static final int STUDY_TIME = 0x00080030;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int MODALITIES_IN_STUDY = 0x00080061;
    static final int MODALITY = 0x00080060;
    static final int REFERENCED_SOP_CLASS = 0x00081150;
    static final int REFERENCED_SOP_INSTANCE = 0x00081155;
    static final int RETRIEVE_URL = 0x00081190;
    static final int FAILURE_REASON = 0x00081197;
    static final int FAILED_SOP_SEQUENCE = 0x00081198;
    static final int REFERENCED_SOP_SEQUENCE = 0x00081199;
    static final int STUDY_DESCRIPTION = 0x00081030;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int AVAILABLE_TRANSFER_SYNTAX = 0x00083002;
    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int ISSUER_OF_PATIENT_ID = 0x00100021;
    static final int PATIENT_BIRTH_DATE = 0x00100030;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int SERIES_NUMBER = 0x00200011;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
    static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
    static final int NUMBER_OF_SERIES_RELATED_INSTANCES = 0x00201209;
    static final int NUMBER_OF_FRAMES = 0x00280008;

    private QidoJson() {
    }

    static String studies(List<StudyMatch> matches, String base) {
        return DicomJson.array(matches.stream().map(s -> new DicomJson.DataSet()
                .string(SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192")
                .string(STUDY_DATE, "DA", s.studyDate() == null ? "" : s.studyDate().format(DateTimeFormatter.BASIC_ISO_DATE))
                .string(STUDY_TIME, "TM", s.studyTime())
                .string(ACCESSION_NUMBER, "SH", s.accessionNumber())
                .strings(MODALITIES_IN_STUDY, "CS", s.modalities())
                .string(STUDY_DESCRIPTION, "LO", s.description())
                .string(RETRIEVE_URL, "UR", base + "/studies/" + s.studyInstanceUid())
                .personName(PATIENT_NAME, s.patientName())
                .string(PATIENT_ID, "LO", s.patientId())
                .string(ISSUER_OF_PATIENT_ID, "LO", s.issuerOfPatientId())
                .string(PATIENT_BIRTH_DATE, "DA", s.patientBirthDate())
                .string(STUDY_INSTANCE_UID, "UI", s.studyInstanceUid())
                .number(NUMBER_OF_STUDY_RELATED_SERIES, "IS", s.numberOfSeries())
                .number(NUMBER_OF_STUDY_RELATED_INSTANCES, "IS", s.numberOfInstances())).toList());
    }

    static String series(List<SeriesMatch> matches, String base) {
        return DicomJson.array(matches.stream().map(s -> new DicomJson.DataSet()
                .string(SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192")
                .string(MODALITY, "CS", s.modality())
                .string(SERIES_DESCRIPTION, "LO", s.description())
                .string(RETRIEVE_URL, "UR", base + "/studies/" + s.studyInstanceUid() + "/series/" + s.seriesInstanceUid())
                .string(STUDY_INSTANCE_UID, "UI", s.studyInstanceUid())
                .string(SERIES_INSTANCE_UID, "UI", s.seriesInstanceUid())
                .number(SERIES_NUMBER, "IS", s.seriesNumber())
                .number(NUMBER_OF_SERIES_RELATED_INSTANCES, "IS", s.numberOfInstances())).toList());
    }

    static String instances(List<InstanceMatch> matches, String base) {
        return DicomJson.array(matches.stream().map(i -> new DicomJson.DataSet()
                .string(SOP_CLASS_UID, "UI", i.sopClassUid())
                .string(SOP_INSTANCE_UID, "UI", i.sopInstanceUid())
                .string(AVAILABLE_TRANSFER_SYNTAX, "UI", i.transferSyntaxUid())
                .string(RETRIEVE_URL, "UR", instanceUrl(base, i.studyInstanceUid(), i.seriesInstanceUid(), i.sopInstanceUid()))
                .string(STUDY_INSTANCE_UID, "UI", i.studyInstanceUid())
                .string(SERIES_INSTANCE_UID, "UI", i.seriesInstanceUid())
                .number(INSTANCE_NUMBER, "IS", i.instanceNumber())
                .number(NUMBER_OF_FRAMES, "IS", i.numberOfFrames())).toList());
    }

    /** The STOW-RS response (PS3.18 10.5.3): stored instances with their URL, failed ones with a reason. */
    static String stowResponse(List<ImportedObject> results, String base, String studyUrl) {
        List<DicomJson.DataSet> stored = results.stream().filter(ImportedObject::isStored)
                .map(r -> new DicomJson.DataSet()
                        .string(REFERENCED_SOP_CLASS, "UI", r.sopClassUid())
                        .string(REFERENCED_SOP_INSTANCE, "UI", r.sopInstanceUid())
                        .string(RETRIEVE_URL, "UR", instanceUrl(base, r.studyInstanceUid(), r.seriesInstanceUid(), r.sopInstanceUid())))
                .toList();
        List<DicomJson.DataSet> failed = results.stream().filter(r -> !r.isStored())
                .map(r -> new DicomJson.DataSet()
                        .string(REFERENCED_SOP_CLASS, "UI", r.sopClassUid())
                        .string(REFERENCED_SOP_INSTANCE, "UI", r.sopInstanceUid())
                        .number(FAILURE_REASON, "US", r.failureReason() == 0 ? 0xC000 : r.failureReason()))
                .toList();
        DicomJson.DataSet answer = new DicomJson.DataSet();
        if (studyUrl != null) {
            answer.string(RETRIEVE_URL, "UR", studyUrl);
        }
        if (!failed.isEmpty()) {
            answer.sequence(FAILED_SOP_SEQUENCE, failed);
        }
        if (!stored.isEmpty()) {
            answer.sequence(REFERENCED_SOP_SEQUENCE, stored);
        }
        return answer.toJson();
    }

    /** The WADO-RS URL of an instance. */
    static String instanceUrl(String base, String study, String series, String sop) {
        return base + "/studies/" + study + "/series/" + series + "/instances/" + sop;
    }
}
