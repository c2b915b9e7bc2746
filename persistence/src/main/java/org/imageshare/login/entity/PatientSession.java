// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.entity;

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
import java.time.Instant;
import java.util.Optional;
import org.imageshare.enrolment.entity.PatientAccount;

/**
 * A signed-in patient's session. The token travels as a cookie or a bearer header; only its SHA-256 is
 * stored (the token has 256 random bits, so a fast hash is enough here, unlike for a PIN).
 */
@Entity
@Table(name = "patient_session")
@NamedQuery(name = PatientSession.FIND_BY_TOKEN_HASH,
        query = "SELECT s FROM PatientSession s JOIN FETCH s.account WHERE s.tokenHash = :hash")
@NamedQuery(name = PatientSession.END_ALL_OF_ACCOUNT,
        query = "UPDATE PatientSession s SET s.endedAt = :now WHERE s.account = :account AND s.endedAt IS NULL")
@NamedQuery(name = PatientSession.DELETE_ENDED_BEFORE,
        query = "DELETE FROM PatientSession s WHERE s.endedAt < :before OR s.lastSeenAt < :before")
public class PatientSession {

    public static final String FIND_BY_TOKEN_HASH = "PatientSession.findByTokenHash";
    public static final String END_ALL_OF_ACCOUNT = "PatientSession.endAllOfAccount";
    public static final String DELETE_ENDED_BEFORE = "PatientSession.deleteEndedBefore";
    public static final int TOKEN_HASH_LENGTH = 64;

    @Id
    @SequenceGenerator(name = "patient_session_seq", sequenceName = "patient_session_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "patient_session_seq")
    private long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "account_fk", nullable = false)
    private PatientAccount account;

    @Column(name = "token_hash", nullable = false, unique = true, length = TOKEN_HASH_LENGTH)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    protected PatientSession() {
    }

    public PatientSession(PatientAccount account, String tokenHash, Instant now) {
        this.account = account;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.lastSeenAt = now;
    }

    public long getId() {
        return id;
    }

    public PatientAccount getAccount() {
        return account;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    public Optional<Instant> getEndedAt() {
        return Optional.ofNullable(endedAt);
    }

    public void touch(Instant now) {
        lastSeenAt = now;
    }

    public void end(Instant now) {
        if (endedAt == null) {
            endedAt = now;
        }
    }

    @Override
    public String toString() {
        return "PatientSession[id=" + id + "]";
    }
}
