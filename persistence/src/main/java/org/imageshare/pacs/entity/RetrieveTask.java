// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * One retrieve (C-MOVE) of one study from the PACS to our own AE, with its progress. The study itself
 * arrives over the normal C-STORE ingest path; this row only tracks the request. Holds the PACS's patient
 * ID and study description for staff: no {@code toString()} with them.
 */
@Entity
@Table(name = "retrieve_task")
@NamedQuery(name = RetrieveTask.FIND_RECENT, query = "SELECT t FROM RetrieveTask t ORDER BY t.id DESC")
@NamedQuery(name = RetrieveTask.FIND_UNFINISHED,
        query = "SELECT t FROM RetrieveTask t WHERE t.status IN (org.imageshare.pacs.entity.RetrieveStatus.PENDING, "
                + "org.imageshare.pacs.entity.RetrieveStatus.RUNNING)")
public class RetrieveTask {

    public static final String FIND_RECENT = "RetrieveTask.findRecent";
    public static final String FIND_UNFINISHED = "RetrieveTask.findUnfinished";
    public static final int UID_LENGTH = 64;
    public static final int PATIENT_ID_LENGTH = 64;
    public static final int MODALITIES_LENGTH = 64;
    public static final int DESCRIPTION_LENGTH = 256;
    public static final int ERROR_LENGTH = 500;

    @Id
    @SequenceGenerator(name = "retrieve_task_seq", sequenceName = "retrieve_task_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "retrieve_task_seq")
    private long id;

    @Version
    private long version;

    @Column(name = "study_iuid", nullable = false, length = UID_LENGTH)
    private String studyInstanceUid;

    @Column(name = "patient_id", nullable = false, length = PATIENT_ID_LENGTH)
    private String patientId;

    @Column(name = "study_date", nullable = false, length = 16)
    private String studyDate;

    @Column(name = "modalities", nullable = false, length = MODALITIES_LENGTH)
    private String modalities;

    @Column(name = "description", nullable = false, length = DESCRIPTION_LENGTH)
    private String description;

    @Column(name = "pacs_aet", nullable = false, length = PacsNode.AE_TITLE_LENGTH)
    private String pacsAeTitle;

    @Column(name = "pacs_host", nullable = false, length = PacsNode.HOST_LENGTH)
    private String pacsHost;

    @Column(name = "pacs_port", nullable = false)
    private int pacsPort;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private RetrieveStatus status;

    @Column(name = "expected")
    private Integer expected;

    @Column(name = "remaining")
    private Integer remaining;

    @Column(name = "completed", nullable = false)
    private int completed;

    @Column(name = "failed", nullable = false)
    private int failed;

    @Column(name = "warning", nullable = false)
    private int warning;

    @Column(name = "dimse_status", length = 4)
    private String dimseStatus;

    @Column(name = "error", length = ERROR_LENGTH)
    private String error;

    @Column(name = "cancel_requested", nullable = false)
    private boolean cancelRequested;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 80)
    private String createdBy;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected RetrieveTask() {
    }

    public RetrieveTask(String studyInstanceUid, String patientId, String studyDate, String modalities,
            String description, Integer expected, String pacsAeTitle, String pacsHost, int pacsPort, Instant now,
            String by) {
        this.studyInstanceUid = studyInstanceUid;
        this.patientId = clip(patientId, PATIENT_ID_LENGTH);
        this.studyDate = clip(studyDate, 16);
        this.modalities = clip(modalities, MODALITIES_LENGTH);
        this.description = clip(description, DESCRIPTION_LENGTH);
        this.expected = expected;
        this.pacsAeTitle = pacsAeTitle;
        this.pacsHost = pacsHost;
        this.pacsPort = pacsPort;
        this.status = RetrieveStatus.PENDING;
        this.createdAt = now;
        this.createdBy = by;
    }

    /** A copy to run again (a retry keeps the old row for the record). */
    public RetrieveTask retry(Instant now, String by, String aeTitle, String host, int port) {
        return new RetrieveTask(studyInstanceUid, patientId, studyDate, modalities, description, expected, aeTitle,
                host, port, now, by);
    }

    public void start(Instant now) {
        status = RetrieveStatus.RUNNING;
        startedAt = now;
    }

    public void progress(int remaining, int completed, int failed, int warning) {
        this.remaining = remaining < 0 ? null : remaining;
        this.completed = Math.max(0, completed);
        this.failed = Math.max(0, failed);
        this.warning = Math.max(0, warning);
    }

    public void finish(RetrieveStatus outcome, String dimseStatus, String error, Instant now) {
        this.status = outcome;
        this.dimseStatus = dimseStatus;
        this.error = error == null ? null : clip(error, ERROR_LENGTH);
        this.finishedAt = now;
        if (outcome == RetrieveStatus.DONE) {
            this.remaining = 0;
        }
    }

    public void requestCancel() {
        cancelRequested = true;
    }

    private static String clip(String v, int max) {
        if (v == null) {
            return "";
        }
        return v.length() <= max ? v : v.substring(0, max);
    }

    public long getId() {
        return id;
    }

    public String getStudyInstanceUid() {
        return studyInstanceUid;
    }

    public String getPatientId() {
        return patientId;
    }

    public String getStudyDate() {
        return studyDate;
    }

    public String getModalities() {
        return modalities;
    }

    public String getDescription() {
        return description;
    }

    public String getPacsAeTitle() {
        return pacsAeTitle;
    }

    public String getPacsHost() {
        return pacsHost;
    }

    public int getPacsPort() {
        return pacsPort;
    }

    public RetrieveStatus getStatus() {
        return status;
    }

    public Optional<Integer> getExpected() {
        return Optional.ofNullable(expected);
    }

    public Optional<Integer> getRemaining() {
        return Optional.ofNullable(remaining);
    }

    public int getCompleted() {
        return completed;
    }

    public int getFailed() {
        return failed;
    }

    public int getWarning() {
        return warning;
    }

    public Optional<String> getDimseStatus() {
        return Optional.ofNullable(dimseStatus);
    }

    public Optional<String> getError() {
        return Optional.ofNullable(error);
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Optional<Instant> getStartedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> getFinishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    @Override
    public String toString() {
        return "RetrieveTask[" + id + ", " + status + "]";
    }
}
