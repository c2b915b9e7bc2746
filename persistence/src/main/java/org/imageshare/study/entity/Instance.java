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

/**
 * One stored SOP instance: the file (relative to the image store root) exactly as received, and what
 * the viewer needs to open it. One row per SOP Instance UID: a resend replaces the file and this row's
 * attributes.
 */
@Entity
@Table(name = "instance")
@NamedQuery(name = Instance.FIND_BY_UID, query = "SELECT i FROM Instance i WHERE i.sopInstanceUid = :uid")
@NamedQuery(name = Instance.FIND_BY_SERIES,
        query = "SELECT i FROM Instance i WHERE i.series = :series ORDER BY i.instanceNumber, i.id")
@NamedQuery(name = Instance.FIND_BY_STUDY_UID, query = "SELECT i FROM Instance i JOIN FETCH i.series s "
        + "WHERE s.study.studyInstanceUid = :study ORDER BY s.seriesNumber, s.id, i.instanceNumber, i.id")
@NamedQuery(name = Instance.FIND_IN_STUDY, query = "SELECT i FROM Instance i JOIN FETCH i.series s "
        + "JOIN FETCH s.study st WHERE i.sopInstanceUid = :uid AND st.studyInstanceUid = :study")
@NamedQuery(name = Instance.COUNT_BY_SERIES, query = "SELECT COUNT(i) FROM Instance i WHERE i.series = :series")
@NamedQuery(name = Instance.COUNT_BY_STUDY,
        query = "SELECT COUNT(i) FROM Instance i WHERE i.series.study = :study")
public class Instance {

    /** Ids taken from {@code instance_seq} at a time (its INCREMENT BY); shared with the JDBC ingest path. */
    public static final int ID_ALLOCATION = 50;

    public static final String FIND_BY_UID = "Instance.findByUid";
    public static final String FIND_BY_SERIES = "Instance.findBySeries";
    /** One instance by SOP Instance UID, only if it belongs to the given study (viewer: one query per frame). */
    public static final String FIND_IN_STUDY = "Instance.findInStudy";
    public static final String COUNT_BY_SERIES = "Instance.countBySeries";
    /** The instances of a study (by its UID) with their series, in series then instance order. */
    public static final String FIND_BY_STUDY_UID = "Instance.findByStudyUid";
    public static final String COUNT_BY_STUDY = "Instance.countByStudy";

    public static final int UID_LENGTH = 64;
    public static final int PATH_LENGTH = 255;

    @Id
    @SequenceGenerator(name = "instance_seq", sequenceName = "instance_seq", allocationSize = ID_ALLOCATION)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "instance_seq")
    private long id;

    @Version
    private long version;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "series_fk", nullable = false)
    private Series series;

    @Column(name = "sop_iuid", nullable = false, updatable = false, length = UID_LENGTH)
    private String sopInstanceUid;

    @Column(name = "sop_class_uid", nullable = false, length = UID_LENGTH)
    private String sopClassUid;

    @Column(name = "transfer_syntax_uid", nullable = false, length = UID_LENGTH)
    private String transferSyntaxUid;

    @Column(name = "instance_number")
    private Integer instanceNumber;

    @Column(name = "number_of_frames")
    private Integer numberOfFrames;

    @Column(name = "file_path", nullable = false, length = PATH_LENGTH)
    private String filePath;

    @Column(name = "file_size", nullable = false)
    private long fileSize;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected Instance() {
    }

    public Instance(Series series, String sopInstanceUid, StoredFile file, Instant receivedAt) {
        this.series = Objects.requireNonNull(series, "series");
        this.sopInstanceUid = Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        replace(file, receivedAt);
    }

    /** A resend of the same SOP instance: the new file and attributes replace the old. */
    public void replace(StoredFile file, Instant when) {
        this.sopClassUid = file.sopClassUid();
        this.transferSyntaxUid = file.transferSyntaxUid();
        this.instanceNumber = file.instanceNumber();
        this.numberOfFrames = file.numberOfFrames();
        this.filePath = file.path();
        this.fileSize = file.size();
        this.receivedAt = when;
    }

    /** Moves the instance to another series (a resend that names another series). */
    public void moveTo(Series other) {
        this.series = Objects.requireNonNull(other, "other");
    }

    public long getId() {
        return id;
    }

    public Series getSeries() {
        return series;
    }

    public String getSopInstanceUid() {
        return sopInstanceUid;
    }

    public String getSopClassUid() {
        return sopClassUid;
    }

    public String getTransferSyntaxUid() {
        return transferSyntaxUid;
    }

    public Optional<Integer> getInstanceNumber() {
        return Optional.ofNullable(instanceNumber);
    }

    public Optional<Integer> getNumberOfFrames() {
        return Optional.ofNullable(numberOfFrames);
    }

    /** Relative to the image store root, with forward slashes. */
    public String getFilePath() {
        return filePath;
    }

    public long getFileSize() {
        return fileSize;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    @Override
    public String toString() {
        return "Instance[id=" + id + ", uid=" + sopInstanceUid + "]";
    }

    /**
     * What is known about a stored file.
     *
     * @param path relative to the image store root, forward slashes
     */
    public record StoredFile(String sopClassUid, String transferSyntaxUid, Integer instanceNumber,
                             Integer numberOfFrames, String path, long size) {

        public StoredFile {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
            Objects.requireNonNull(path, "path");
            if (path.length() > PATH_LENGTH) {
                throw new IllegalArgumentException("path longer than " + PATH_LENGTH);
            }
        }
    }
}
