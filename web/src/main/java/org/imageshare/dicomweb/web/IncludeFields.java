// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.imageshare.platform.control.InvalidInput;

/**
 * QIDO-RS {@code includefield} (PS3.18 8.3.4.3): {@code all}, attribute keywords or tags ({@code 0020000D}),
 * repeated or comma-separated. Every attribute we index is returned whatever is asked (a superset of the
 * defaults is allowed), so {@code includefield} changes no result: it is checked — a value that is neither a
 * keyword nor a tag answers 400 — and a requested attribute this level does not return is named in a
 * {@code Warning: 299} header, as the standard asks for an unsupported query parameter.
 */
final class IncludeFields {

    enum Level {
        STUDY, SERIES, INSTANCE
    }

    private static final Pattern TAG = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    /** The attributes each level returns, by keyword. */
    private static final Map<Level, Map<String, Integer>> RETURNED = Map.of(
            Level.STUDY, Map.ofEntries(
                    Map.entry("SpecificCharacterSet", QidoJson.SPECIFIC_CHARACTER_SET),
                    Map.entry("StudyDate", QidoJson.STUDY_DATE),
                    Map.entry("StudyTime", QidoJson.STUDY_TIME),
                    Map.entry("AccessionNumber", QidoJson.ACCESSION_NUMBER),
                    Map.entry("ModalitiesInStudy", QidoJson.MODALITIES_IN_STUDY),
                    Map.entry("StudyDescription", QidoJson.STUDY_DESCRIPTION),
                    Map.entry("RetrieveURL", QidoJson.RETRIEVE_URL),
                    Map.entry("PatientName", QidoJson.PATIENT_NAME),
                    Map.entry("PatientID", QidoJson.PATIENT_ID),
                    Map.entry("IssuerOfPatientID", QidoJson.ISSUER_OF_PATIENT_ID),
                    Map.entry("PatientBirthDate", QidoJson.PATIENT_BIRTH_DATE),
                    Map.entry("StudyInstanceUID", QidoJson.STUDY_INSTANCE_UID),
                    Map.entry("NumberOfStudyRelatedSeries", QidoJson.NUMBER_OF_STUDY_RELATED_SERIES),
                    Map.entry("NumberOfStudyRelatedInstances", QidoJson.NUMBER_OF_STUDY_RELATED_INSTANCES)),
            Level.SERIES, Map.ofEntries(
                    Map.entry("SpecificCharacterSet", QidoJson.SPECIFIC_CHARACTER_SET),
                    Map.entry("Modality", QidoJson.MODALITY),
                    Map.entry("SeriesDescription", QidoJson.SERIES_DESCRIPTION),
                    Map.entry("RetrieveURL", QidoJson.RETRIEVE_URL),
                    Map.entry("StudyInstanceUID", QidoJson.STUDY_INSTANCE_UID),
                    Map.entry("SeriesInstanceUID", QidoJson.SERIES_INSTANCE_UID),
                    Map.entry("SeriesNumber", QidoJson.SERIES_NUMBER),
                    Map.entry("NumberOfSeriesRelatedInstances", QidoJson.NUMBER_OF_SERIES_RELATED_INSTANCES)),
            Level.INSTANCE, Map.ofEntries(
                    Map.entry("SOPClassUID", QidoJson.SOP_CLASS_UID),
                    Map.entry("SOPInstanceUID", QidoJson.SOP_INSTANCE_UID),
                    Map.entry("AvailableTransferSyntaxUID", QidoJson.AVAILABLE_TRANSFER_SYNTAX),
                    Map.entry("RetrieveURL", QidoJson.RETRIEVE_URL),
                    Map.entry("StudyInstanceUID", QidoJson.STUDY_INSTANCE_UID),
                    Map.entry("SeriesInstanceUID", QidoJson.SERIES_INSTANCE_UID),
                    Map.entry("InstanceNumber", QidoJson.INSTANCE_NUMBER),
                    Map.entry("NumberOfFrames", QidoJson.NUMBER_OF_FRAMES)));

    private IncludeFields() {
    }

    /**
     * The requested attributes this level does not return (empty: everything asked for is in the answer).
     *
     * @throws InvalidInput for a value that is neither {@code all}, a keyword nor an 8-digit hex tag
     */
    static List<String> unsupported(List<String> includefield, Level level) {
        Set<String> asked = new LinkedHashSet<>();
        for (String value : includefield == null ? List.<String>of() : includefield) {
            Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(asked::add);
        }
        Map<String, Integer> returned = RETURNED.get(level);
        List<String> missing = new ArrayList<>();
        for (String field : asked) {
            if (field.equals("all")) {
                continue;
            }
            if (TAG.matcher(field).matches()) {
                int tag = Integer.parseUnsignedInt(field, 16);
                if (!returned.containsValue(tag)) {
                    missing.add(field.toUpperCase());
                }
            } else if (KEYWORD.matcher(field).matches()) {
                if (!returned.containsKey(field)) {
                    missing.add(field);
                }
            } else {
                throw new InvalidInput("includefield", "is not 'all', an attribute keyword or a tag (8 hex digits)");
            }
        }
        return missing;
    }

    /** The Warning header value for unsupported fields (PS3.18 8.1.5: code 299). */
    static String warning(List<String> unsupported) {
        return "299 ImageShare \"includefield not supported, not returned: " + String.join(",", unsupported) + "\"";
    }
}
