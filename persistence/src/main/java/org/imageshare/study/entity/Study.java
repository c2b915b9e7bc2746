// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.imageshare.enrolment.entity.Patient;

/**
 * A study received over DICOM. It belongs to an enrolled {@link Patient} when its Patient ID + Issuer
 * matched one (or when that patient was enrolled later); otherwise it is unmatched and keeps the DICOM
 * patient identity for the worklist. It becomes visible to its patient at {@link #getReleaseAt()}.
 * Holds PHI (the DICOM patient name, ID, birth date): {@link #toString()} prints none of it.
 */
@Entity
@Table(name = "study")
@NamedQuery(name = Study.FIND_BY_UID, query = "SELECT s FROM Study s WHERE s.studyInstanceUid = :uid")
@NamedQuery(name = Study.LOCK_BY_UID, query = "SELECT s FROM Study s WHERE s.studyInstanceUid = :uid",
        lockMode = LockModeType.PESSIMISTIC_WRITE)
@NamedQuery(name = Study.FIND_RELEASED_OF_PATIENT, query = "SELECT s FROM Study s WHERE s.patient = :patient "
        + "AND s.held = FALSE AND s.releaseAt <= :now ORDER BY s.studyDate DESC, s.receivedAt DESC, s.id DESC")
@NamedQuery(name = Study.FIND_UNMATCHED_BY_IDENTIFIER, query = "SELECT s FROM Study s WHERE s.patient IS NULL "
        + "AND s.dicomPatientId = :patientId AND s.dicomIssuer = :issuer ORDER BY s.id")
@NamedQuery(name = Study.FIND_UNMATCHED, query = "SELECT s FROM Study s WHERE s.patient IS NULL "
        + "ORDER BY s.receivedAt DESC, s.id DESC")
@NamedQuery(name = Study.FIND_RECENT_MATCHED, query = "SELECT s FROM Study s JOIN FETCH s.patient "
        + "WHERE s.patient IS NOT NULL ORDER BY s.receivedAt DESC, s.id DESC")
@NamedQuery(name = Study.FIND_RELEASE_UNAUDITED, query = "SELECT s FROM Study s WHERE s.releasedAudited = FALSE "
        + "AND s.held = FALSE AND s.patient IS NOT NULL AND s.releaseAt <= :now ORDER BY s.id")
public class Study {

    public static final String FIND_BY_UID = "Study.findByUid";
    /**
     * {@link #FIND_BY_UID} with the row locked ({@code FOR UPDATE}). A query of its own, not
     * {@code setLockMode} on the other: that makes EclipseLink clone and re-prepare the query on every
     * execution, which was a tenth of the DICOM receive path's CPU.
     */
    public static final String LOCK_BY_UID = "Study.lockByUid";
    public static final String FIND_RELEASED_OF_PATIENT = "Study.findReleasedOfPatient";
    public static final String FIND_UNMATCHED_BY_IDENTIFIER = "Study.findUnmatchedByIdentifier";
    public static final String FIND_UNMATCHED = "Study.findUnmatched";
    public static final String FIND_RECENT_MATCHED = "Study.findRecentMatched";
    public static final String FIND_RELEASE_UNAUDITED = "Study.findReleaseUnaudited";

    public static final int UID_LENGTH = 64;
    public static final int PATIENT_ID_LENGTH = 64;
    public static final int ISSUER_LENGTH = 64;
    public static final int PATIENT_NAME_LENGTH = 324;
    public static final int BIRTH_DATE_LENGTH = 16;
    public static final int TIME_LENGTH = 16;
    public static final int DESCRIPTION_LENGTH = 256;
    public static final int ACCESSION_LENGTH = 64;
    public static final int MODALITIES_LENGTH = 64;
    public static final int AE_TITLE_LENGTH = 16;

    private static final String SEPARATOR = "\\";

    @Id
    @SequenceGenerator(name = "study_seq", sequenceName = "study_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "study_seq")
    private long id;

    @Version
    private long version;

    @Column(name = "study_iuid", nullable = false, updatable = false, length = UID_LENGTH)
    private String studyInstanceUid;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "patient_fk")
    private Patient patient;

    @Column(name = "dicom_patient_id", nullable = false, length = PATIENT_ID_LENGTH)
    private String dicomPatientId;

    @Column(name = "dicom_issuer", nullable = false, length = ISSUER_LENGTH)
    private String dicomIssuer;

    @Column(name = "dicom_patient_name", nullable = false, length = PATIENT_NAME_LENGTH)
    private String dicomPatientName;

    @Column(name = "dicom_birth_date", nullable = false, length = BIRTH_DATE_LENGTH)
    private String dicomBirthDate;

    @Column(name = "study_date")
    private LocalDate studyDate;

    @Column(name = "study_time", length = TIME_LENGTH)
    private String studyTime;

    @Column(name = "description", length = DESCRIPTION_LENGTH)
    private String description;

    @Column(name = "accession_number", length = ACCESSION_LENGTH)
    private String accessionNumber;

    @Column(name = "modalities", nullable = false, length = MODALITIES_LENGTH)
    private String modalities;

    @Column(name = "number_of_series", nullable = false)
    private int numberOfSeries;

    @Column(name = "number_of_instances", nullable = false)
    private int numberOfInstances;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "release_at", nullable = false)
    private Instant releaseAt;

    @Column(name = "held", nullable = false)
    private boolean held;

    @Column(name = "released_audited", nullable = false)
    private boolean releasedAudited;

    @Column(name = "calling_aet", length = AE_TITLE_LENGTH)
    private String callingAeTitle;

    protected Study() {
    }

    /**
     * A new, empty study (no series yet).
     *
     * @param identity the DICOM patient identity as received (issuer already defaulted)
     * @param releaseAt when the patient may see it
     */
    public Study(String studyInstanceUid, DicomPatient identity, LocalDate studyDate, String studyTime,
            String description, String accessionNumber, Instant receivedAt, Instant releaseAt) {
        this.studyInstanceUid = Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        this.dicomPatientId = Texts.clip(identity.patientId(), PATIENT_ID_LENGTH);
        this.dicomIssuer = Texts.clip(identity.issuer(), ISSUER_LENGTH);
        this.dicomPatientName = Texts.clip(identity.name(), PATIENT_NAME_LENGTH);
        this.dicomBirthDate = Texts.clip(identity.birthDate(), BIRTH_DATE_LENGTH);
        this.studyDate = studyDate;
        this.studyTime = Texts.optional(studyTime, TIME_LENGTH);
        this.description = Texts.optional(description, DESCRIPTION_LENGTH);
        this.accessionNumber = Texts.optional(accessionNumber, ACCESSION_LENGTH);
        this.modalities = "";
        this.receivedAt = receivedAt;
        this.updatedAt = receivedAt;
        this.releaseAt = releaseAt;
    }

    public long getId() {
        return id;
    }

    public String getStudyInstanceUid() {
        return studyInstanceUid;
    }

    public Optional<Patient> getPatient() {
        return Optional.ofNullable(patient);
    }

    public boolean isMatched() {
        return patient != null;
    }

    /** Gives an unmatched study to its patient (at reception or when the patient is enrolled later). */
    public void assignTo(Patient owner) {
        if (patient != null && patient.getId() != owner.getId()) {
            throw new IllegalStateException("study " + id + " already belongs to another patient");
        }
        this.patient = Objects.requireNonNull(owner, "owner");
    }

    public DicomPatient getDicomPatient() {
        return new DicomPatient(dicomPatientId, dicomIssuer, dicomPatientName, dicomBirthDate);
    }

    public Optional<LocalDate> getStudyDate() {
        return Optional.ofNullable(studyDate);
    }

    public Optional<String> getStudyTime() {
        return Optional.ofNullable(studyTime);
    }

    public Optional<String> getDescription() {
        return Optional.ofNullable(description);
    }

    public Optional<String> getAccessionNumber() {
        return Optional.ofNullable(accessionNumber);
    }

    /** The distinct modalities of its series, sorted. */
    public List<String> getModalities() {
        return modalities.isEmpty() ? List.of() : List.of(modalities.split("\\\\"));
    }

    /** Adds one series' modality to the study's list (ignores empty values and what no longer fits). */
    public void addModality(String modality) {
        String m = modality == null ? "" : modality.strip();
        if (m.isEmpty() || getModalities().contains(m)) {
            return;
        }
        TreeSet<String> all = new TreeSet<>(getModalities());
        all.addAll(Arrays.asList(m.split("\\\\")));
        String joined = String.join(SEPARATOR, all);
        if (joined.length() <= MODALITIES_LENGTH) {
            modalities = joined;
        }
    }

    public int getNumberOfSeries() {
        return numberOfSeries;
    }

    public int getNumberOfInstances() {
        return numberOfInstances;
    }

    /** Counts after a change of its series or instances. */
    public void updateCounts(int series, int instances, Instant now) {
        this.numberOfSeries = series;
        this.numberOfInstances = instances;
        this.updatedAt = now;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getReleaseAt() {
        return releaseAt;
    }

    /** True when its patient may see it at {@code now}: not held by staff and the release hold has passed. */
    public boolean isReleasedAt(Instant now) {
        return !held && !releaseAt.isAfter(now);
    }

    public void releaseAt(Instant when) {
        this.releaseAt = Objects.requireNonNull(when, "when");
    }

    /** Staff release it at once: it is no longer held and visible to its patient from {@code now}. */
    public void releaseNow(Instant now) {
        held = false;
        if (releaseAt.isAfter(now)) {
            releaseAt = now;
        }
    }

    /** Staff hold it: hidden from its patient until released, whatever the release time. */
    public void hold() {
        held = true;
        releasedAudited = false;
    }

    /** The calling AE title of the association that first sent it, when known. */
    public Optional<String> getCallingAeTitle() {
        return Optional.ofNullable(callingAeTitle);
    }

    public void receivedFrom(String aeTitle) {
        this.callingAeTitle = Texts.optional(aeTitle, AE_TITLE_LENGTH);
    }

    public boolean isHeld() {
        return held;
    }

    /** True once its release has been written to the audit trail. */
    public boolean isReleasedAudited() {
        return releasedAudited;
    }

    public void markReleaseAudited() {
        this.releasedAudited = true;
    }

    @Override
    public String toString() {
        return "Study[id=" + id + ", uid=" + studyInstanceUid + "]";
    }
}
