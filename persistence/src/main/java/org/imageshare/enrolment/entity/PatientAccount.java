// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * The patient's sign-in credential: account number and the Argon2id hash of the PIN (never the PIN),
 * with the consecutive-failure state that drives back-off and lock-out.
 */
@Entity
@Table(name = "patient_account")
@NamedQuery(name = PatientAccount.FIND_BY_NUMBER,
        query = "SELECT a FROM PatientAccount a JOIN FETCH a.patient WHERE a.accountNumber = :number")
@NamedQuery(name = PatientAccount.FIND_BY_PATIENT,
        query = "SELECT a FROM PatientAccount a WHERE a.patient = :patient")
public class PatientAccount {

    public static final String FIND_BY_NUMBER = "PatientAccount.findByNumber";
    public static final String FIND_BY_PATIENT = "PatientAccount.findByPatient";
    public static final int PIN_HASH_LENGTH = 200;

    @Id
    @SequenceGenerator(name = "patient_account_seq", sequenceName = "patient_account_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "patient_account_seq")
    private long id;

    @Version
    private long version;

    @OneToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "patient_fk", nullable = false, unique = true)
    private Patient patient;

    @Column(name = "account_number", nullable = false, unique = true, length = AccountNumber.LENGTH)
    private AccountNumber accountNumber;

    @Column(name = "pin_hash", nullable = false, length = PIN_HASH_LENGTH)
    private String pinHash;

    @Column(name = "pin_issued_at", nullable = false)
    private Instant pinIssuedAt;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "last_failure_at")
    private Instant lastFailureAt;

    @Column(name = "locked_at")
    private Instant lockedAt;

    @Column(name = "last_sign_in_at")
    private Instant lastSignInAt;

    protected PatientAccount() {
    }

    public PatientAccount(Patient patient, AccountNumber accountNumber, String pinHash, Instant issuedAt) {
        this.patient = patient;
        this.accountNumber = accountNumber;
        this.pinHash = pinHash;
        this.pinIssuedAt = issuedAt;
    }

    public long getId() {
        return id;
    }

    public Patient getPatient() {
        return patient;
    }

    public AccountNumber getAccountNumber() {
        return accountNumber;
    }

    public String getPinHash() {
        return pinHash;
    }

    public Instant getPinIssuedAt() {
        return pinIssuedAt;
    }

    public int getFailedAttempts() {
        return failedAttempts;
    }

    public Optional<Instant> getLastFailureAt() {
        return Optional.ofNullable(lastFailureAt);
    }

    public Optional<Instant> getLockedAt() {
        return Optional.ofNullable(lockedAt);
    }

    public boolean isLocked() {
        return lockedAt != null;
    }

    public Optional<Instant> getLastSignInAt() {
        return Optional.ofNullable(lastSignInAt);
    }

    /** A new PIN: the old hash is gone, failures and any lock are cleared. */
    public void replacePin(String newPinHash, Instant now) {
        this.pinHash = newPinHash;
        this.pinIssuedAt = now;
        unlock();
    }

    public void recordFailure(Instant now) {
        failedAttempts++;
        lastFailureAt = now;
    }

    /** Locked until staff unlock the account or re-issue the PIN; the policy decides when. */
    public void lock(Instant now) {
        if (lockedAt == null) {
            lockedAt = now;
        }
    }

    public void recordSuccess(Instant now) {
        failedAttempts = 0;
        lastFailureAt = null;
        lastSignInAt = now;
    }

    public void unlock() {
        failedAttempts = 0;
        lastFailureAt = null;
        lockedAt = null;
    }

    @Override
    public String toString() {
        return "PatientAccount[id=" + id + "]";
    }
}
