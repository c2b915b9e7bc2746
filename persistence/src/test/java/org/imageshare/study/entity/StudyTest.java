// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StudyTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void isHiddenFromItsPatientUntilTheReleaseHoldHasPassed() {
        Study study = study(RECEIVED.plus(Duration.ofHours(72)));

        assertThat(study.isReleasedAt(RECEIVED)).isFalse();
        assertThat(study.isReleasedAt(RECEIVED.plus(Duration.ofHours(72)).minusMillis(1))).isFalse();
        assertThat(study.isReleasedAt(RECEIVED.plus(Duration.ofHours(72)))).isTrue();
        assertThat(study(RECEIVED).isReleasedAt(RECEIVED)).as("PT0S releases at once").isTrue();
    }

    @Test
    void aHeldStudyStaysHiddenUntilReleasedAndReleaseNowShowsItAtOnce() {
        Study study = study(RECEIVED);
        study.markReleaseAudited();

        study.hold();

        assertThat(study.isHeld()).isTrue();
        assertThat(study.isReleasedAt(RECEIVED.plus(Duration.ofDays(365)))).isFalse();
        assertThat(study.isReleasedAudited()).as("the next release is audited again").isFalse();

        study.releaseNow(RECEIVED.plusSeconds(5));

        assertThat(study.isHeld()).isFalse();
        assertThat(study.isReleasedAt(RECEIVED.plusSeconds(5))).isTrue();
        assertThat(study.getReleaseAt()).as("an earlier release time is kept").isEqualTo(RECEIVED);
    }

    @Test
    void releaseNowBringsAFutureReleaseForward() {
        Study study = study(RECEIVED.plus(Duration.ofHours(72)));

        study.releaseNow(RECEIVED.plusSeconds(60));

        assertThat(study.getReleaseAt()).isEqualTo(RECEIVED.plusSeconds(60));
        assertThat(study.isReleasedAt(RECEIVED.plusSeconds(60))).isTrue();
    }

    @Test
    void collectsTheDistinctModalitiesOfItsSeriesSorted() {
        Study study = study(RECEIVED);

        study.addModality("MR");
        study.addModality("CT");
        study.addModality("MR");
        study.addModality(" ");
        study.addModality(null);

        assertThat(study.getModalities()).containsExactly("CT", "MR");
    }

    @Test
    void keepsNoEmptyOptionalTextAndCutsOverlongValuesToTheirColumns() {
        Study study = new Study("1.2.3", new DicomPatient("P1", "HOSP", "A".repeat(400), "19700101"),
                null, "", "  ", "X".repeat(100), RECEIVED, RECEIVED);

        assertThat(study.getDescription()).isEmpty();
        assertThat(study.getStudyTime()).isEmpty();
        assertThat(study.getAccessionNumber()).hasValue("X".repeat(Study.ACCESSION_LENGTH));
        assertThat(study.getDicomPatient().name()).hasSize(Study.PATIENT_NAME_LENGTH);
        assertThat(study.isMatched()).isFalse();
    }

    @Test
    void printsNoPatientData() {
        Study study = study(RECEIVED);

        assertThat(study.toString()).doesNotContain("Doe").doesNotContain("P-77");
        assertThat(study.getDicomPatient().toString()).doesNotContain("Doe").doesNotContain("P-77");
    }

    private static Study study(Instant releaseAt) {
        return new Study("1.2.840.1", new DicomPatient("P-77", "HOSP", "Doe^Jane", "19700101"),
                LocalDate.of(2026, 2, 28), "101500", "CT chest", "ACC1", RECEIVED, releaseAt);
    }
}
