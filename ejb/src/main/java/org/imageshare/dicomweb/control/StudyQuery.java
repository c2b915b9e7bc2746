// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.control;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.imageshare.platform.control.InvalidInput;

/**
 * QIDO-RS study matching keys (PS3.18 8.3.4): each empty/absent key matches everything. Patient ID and
 * Patient Name take the DICOM wildcards {@code *} and {@code ?}; Patient Name matches case-insensitively;
 * Study Date is a date or range ({@code 20040101-20041231}, open ends allowed); ModalitiesInStudy matches
 * a study with a series of that modality.
 */
public record StudyQuery(List<String> studyInstanceUids, String patientId, String patientName,
                         Optional<LocalDate> dateFrom, Optional<LocalDate> dateTo, String modality,
                         String accessionNumber, int offset, int limit) {

    public static final int MAX_LIMIT = 1000;
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    public StudyQuery {
        studyInstanceUids = List.copyOf(studyInstanceUids);
        patientId = patientId == null ? "" : patientId.strip();
        patientName = patientName == null ? "" : patientName.strip();
        modality = modality == null ? "" : modality.strip();
        accessionNumber = accessionNumber == null ? "" : accessionNumber.strip();
        if (offset < 0) {
            throw new InvalidInput("offset", "must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    /** {@code [from, to]} of a DICOM DA range value; empty sides are open. */
    public static Optional<LocalDate>[] dateRange(String value) {
        @SuppressWarnings("unchecked")
        Optional<LocalDate>[] range = new Optional[] {Optional.empty(), Optional.empty()};
        if (value == null || value.isBlank()) {
            return range;
        }
        String v = value.strip();
        int dash = v.indexOf('-');
        if (dash < 0) {
            LocalDate d = date(v);
            range[0] = Optional.of(d);
            range[1] = Optional.of(d);
            return range;
        }
        String from = v.substring(0, dash).strip();
        String to = v.substring(dash + 1).strip();
        if (!from.isEmpty()) {
            range[0] = Optional.of(date(from));
        }
        if (!to.isEmpty()) {
            range[1] = Optional.of(date(to));
        }
        return range;
    }

    private static LocalDate date(String v) {
        try {
            return LocalDate.parse(v, DA);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("StudyDate", "is not a DICOM date (YYYYMMDD) or range");
        }
    }

    /** A DICOM wildcard value as a LIKE pattern with escape character {@code !}. */
    public static String likePattern(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> out.append('%');
                case '?' -> out.append('_');
                case '%', '_', '!' -> out.append('!').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static boolean hasWildcard(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }
}
