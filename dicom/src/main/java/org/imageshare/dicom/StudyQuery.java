// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A study-level C-FIND (Study Root) query: one patient's studies, optionally in a date range and of a
 * modality. Universal matching for what is left empty.
 *
 * @param patientId  Patient ID (0010,0020), required, matched exactly (no wildcards are sent)
 * @param issuer     Issuer of Patient ID (0010,0021), if the PACS should match it too
 * @param from       first study date, inclusive
 * @param to         last study date, inclusive
 * @param modality   a Modalities in Study (0008,0061) value such as {@code CT}
 */
public record StudyQuery(String patientId, Optional<String> issuer, Optional<LocalDate> from,
                         Optional<LocalDate> to, Optional<String> modality) {

    public StudyQuery {
        Objects.requireNonNull(patientId, "patientId");
        patientId = patientId.strip();
        if (patientId.isEmpty() || patientId.length() > 64) {
            throw new IllegalArgumentException("patientId must have 1 to 64 characters");
        }
        if (patientId.contains("*") || patientId.contains("?") || patientId.contains("\\")) {
            throw new IllegalArgumentException("patientId must not contain *, ? or \\");
        }
        issuer = Objects.requireNonNull(issuer, "issuer").map(String::strip).filter(s -> !s.isEmpty());
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("from must not be after to");
        }
        modality = Objects.requireNonNull(modality, "modality").map(String::strip).filter(s -> !s.isEmpty());
        if (modality.isPresent() && !modality.get().matches("[A-Z0-9 _]{1,16}")) {
            throw new IllegalArgumentException("modality must be a DICOM code string such as CT");
        }
    }

    public static StudyQuery ofPatient(String patientId) {
        return new StudyQuery(patientId, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public StudyQuery between(LocalDate first, LocalDate last) {
        return new StudyQuery(patientId, issuer, Optional.ofNullable(first), Optional.ofNullable(last), modality);
    }

    public StudyQuery withModality(String value) {
        return new StudyQuery(patientId, issuer, from, to, Optional.ofNullable(value));
    }

    /** The Study Date (0008,0020) matching key: empty, a date, or a range. */
    String dateRange() {
        String a = from.map(StudyQuery::da).orElse("");
        String b = to.map(StudyQuery::da).orElse("");
        if (a.isEmpty() && b.isEmpty()) {
            return "";
        }
        if (a.equals(b)) {
            return a;
        }
        return a + "-" + b;
    }

    private static String da(LocalDate d) {
        return String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }
}
