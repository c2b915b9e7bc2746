// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One series of a {@link Study}, as received. */
@Entity
@Table(name = "series")
@NamedQuery(name = Series.FIND_BY_UID, query = "SELECT s FROM Series s WHERE s.seriesInstanceUid = :uid")
@NamedQuery(name = Series.FIND_BY_STUDY,
        query = "SELECT s FROM Series s WHERE s.study = :study ORDER BY s.seriesNumber, s.id")
@NamedQuery(name = Series.COUNT_BY_STUDY, query = "SELECT COUNT(s) FROM Series s WHERE s.study = :study")
public class Series {

    public static final String FIND_BY_UID = "Series.findByUid";
    public static final String FIND_BY_STUDY = "Series.findByStudy";
    public static final String COUNT_BY_STUDY = "Series.countByStudy";

    public static final int UID_LENGTH = 64;
    public static final int MODALITY_LENGTH = 16;
    public static final int DESCRIPTION_LENGTH = 256;

    @Id
    @SequenceGenerator(name = "series_seq", sequenceName = "series_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "series_seq")
    private long id;

    @Version
    private long version;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_fk", nullable = false)
    private Study study;

    @Column(name = "series_iuid", nullable = false, updatable = false, length = UID_LENGTH)
    private String seriesInstanceUid;

    @Column(name = "modality", length = MODALITY_LENGTH)
    private String modality;

    @Column(name = "series_number")
    private Integer seriesNumber;

    @Column(name = "description", length = DESCRIPTION_LENGTH)
    private String description;

    @Column(name = "number_of_instances", nullable = false)
    private int numberOfInstances;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    protected Series() {
    }

    public Series(Study study, String seriesInstanceUid, String modality, Integer seriesNumber, String description,
            Instant receivedAt) {
        this.study = Objects.requireNonNull(study, "study");
        this.seriesInstanceUid = Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        this.modality = Texts.optional(modality, MODALITY_LENGTH);
        this.seriesNumber = seriesNumber;
        this.description = Texts.optional(description, DESCRIPTION_LENGTH);
        this.receivedAt = receivedAt;
    }

    public long getId() {
        return id;
    }

    public Study getStudy() {
        return study;
    }

    public String getSeriesInstanceUid() {
        return seriesInstanceUid;
    }

    public Optional<String> getModality() {
        return Optional.ofNullable(modality);
    }

    public Optional<Integer> getSeriesNumber() {
        return Optional.ofNullable(seriesNumber);
    }

    public Optional<String> getDescription() {
        return Optional.ofNullable(description);
    }

    public int getNumberOfInstances() {
        return numberOfInstances;
    }

    public void setNumberOfInstances(int count) {
        this.numberOfInstances = count;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    @Override
    public String toString() {
        return "Series[id=" + id + ", uid=" + seriesInstanceUid + "]";
    }
}
