// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An enrolled patient as the hospital knows them: the key that matches incoming DICOM studies
 * (patient ID + issuer) and the demographics printed on the handout. Holds PHI: never logged.
 */
@Entity
@Table(name = "patient", uniqueConstraints = @UniqueConstraint(name = "uk_patient_identifier",
        columnNames = {"patient_id", "issuer"}))
@NamedQuery(name = Patient.FIND_BY_IDENTIFIER,
        query = "SELECT p FROM Patient p WHERE p.patientId = :patientId AND p.issuer = :issuer")
public class Patient {

    public static final String FIND_BY_IDENTIFIER = "Patient.findByIdentifier";

    public static final int PATIENT_ID_LENGTH = 64;
    public static final int ISSUER_LENGTH = 64;
    public static final int NAME_LENGTH = 64;
    public static final int EMAIL_LENGTH = 254;
    public static final int PHONE_LENGTH = 32;

    @Id
    @SequenceGenerator(name = "patient_seq", sequenceName = "patient_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "patient_seq")
    private long id;

    @Version
    private long version;

    @Column(name = "patient_id", nullable = false, length = PATIENT_ID_LENGTH)
    private String patientId;

    @Column(name = "issuer", nullable = false, length = ISSUER_LENGTH)
    private String issuer;

    @Column(name = "family_name", nullable = false, length = NAME_LENGTH)
    private String familyName;

    @Column(name = "given_name", nullable = false, length = NAME_LENGTH)
    private String givenName;

    @Column(name = "birth_date", nullable = false)
    private LocalDate birthDate;

    @Column(name = "email", length = EMAIL_LENGTH)
    private String email;

    @Column(name = "phone", length = PHONE_LENGTH)
    private String phone;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    protected Patient() {
    }

    public Patient(String patientId, String issuer, String familyName, String givenName, LocalDate birthDate,
            String email, String phone, Instant createdAt, String createdBy) {
        this.patientId = patientId;
        this.issuer = issuer;
        this.familyName = familyName;
        this.givenName = givenName;
        this.birthDate = birthDate;
        this.email = email;
        this.phone = phone;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public long getId() {
        return id;
    }

    public String getPatientId() {
        return patientId;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getFamilyName() {
        return familyName;
    }

    public String getGivenName() {
        return givenName;
    }

    public LocalDate getBirthDate() {
        return birthDate;
    }

    public String getEmail() {
        return email;
    }

    public String getPhone() {
        return phone;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void updateContact(String email, String phone) {
        this.email = email;
        this.phone = phone;
    }

    @Override
    public String toString() {
        return "Patient[id=" + id + "]";
    }
}
