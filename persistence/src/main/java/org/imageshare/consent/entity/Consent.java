// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
import java.util.Optional;
import org.imageshare.enrolment.entity.PatientAccount;

/**
 * A patient's consent to share their images by link, shaped like FHIR Consent: status, scope
 * ({@value #SCOPE}), category, patient, dateTime, performer, policy (the consent text version) and
 * provision period. Records are kept for good: a record only ever moves from ACTIVE to INACTIVE.
 */
@Entity
@Table(name = "consent")
@NamedQuery(name = Consent.FIND_ACTIVE_OF_ACCOUNT,
        query = "SELECT c FROM Consent c WHERE c.account.id = :accountId "
                + "AND c.status = org.imageshare.consent.entity.ConsentStatus.ACTIVE ORDER BY c.id DESC")
@NamedQuery(name = Consent.FIND_ALL_OF_ACCOUNT,
        query = "SELECT c FROM Consent c WHERE c.account.id = :accountId ORDER BY c.id DESC")
public class Consent {

    public static final String FIND_ACTIVE_OF_ACCOUNT = "Consent.findActiveOfAccount";
    public static final String FIND_ALL_OF_ACCOUNT = "Consent.findAllOfAccount";
    /** FHIR Consent.scope: the consent is about privacy (who may see the images). */
    public static final String SCOPE = "patient-privacy";
    public static final int PERFORMER_LENGTH = 80;

    @Id
    @SequenceGenerator(name = "consent_seq", sequenceName = "consent_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "consent_seq")
    private long id;

    @Version
    private long version;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "account_fk", nullable = false, updatable = false)
    private PatientAccount account;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private ConsentStatus status;

    @Column(name = "scope", nullable = false, length = 32, updatable = false)
    private String scope;

    @Enumerated(EnumType.STRING)
    @Column(name = "category", nullable = false, length = 32, updatable = false)
    private ConsentCategory category;

    @Column(name = "date_time", nullable = false, updatable = false)
    private Instant dateTime;

    @Column(name = "performer", nullable = false, length = PERFORMER_LENGTH, updatable = false)
    private String performer;

    @Column(name = "policy_version", nullable = false, updatable = false)
    private int policyVersion;

    @Column(name = "period_start", nullable = false, updatable = false)
    private Instant periodStart;

    @Column(name = "period_end")
    private Instant periodEnd;

    protected Consent() {
    }

    private Consent(PatientAccount account, ConsentStatus status, ConsentCategory category, Instant now,
            String performer, int policyVersion) {
        this.account = account;
        this.status = status;
        this.scope = SCOPE;
        this.category = category;
        this.dateTime = now;
        this.performer = performer;
        this.policyVersion = policyVersion;
        this.periodStart = now;
        if (status != ConsentStatus.ACTIVE) {
            this.periodEnd = now;
        }
    }

    /** Consent in force from {@code now} for the given text version. */
    public static Consent given(PatientAccount account, ConsentCategory category, Instant now, String performer,
            int policyVersion) {
        return new Consent(account, ConsentStatus.ACTIVE, category, now, performer, policyVersion);
    }

    /** The record of a withdrawal: who withdrew, when, and which consent text it concerned. */
    public static Consent withdrawn(PatientAccount account, ConsentCategory category, Instant now,
            String performer, int policyVersion) {
        return new Consent(account, ConsentStatus.REJECTED, category, now, performer, policyVersion);
    }

    /** Ends an active consent at {@code now}; the record stays. */
    public void end(Instant now) {
        if (status == ConsentStatus.ACTIVE) {
            status = ConsentStatus.INACTIVE;
            periodEnd = now;
        }
    }

    /** In force for the given current text version: active and given for exactly that version. */
    public boolean isCurrentFor(int currentVersion) {
        return status == ConsentStatus.ACTIVE && policyVersion == currentVersion;
    }

    public long getId() {
        return id;
    }

    public PatientAccount getAccount() {
        return account;
    }

    public ConsentStatus getStatus() {
        return status;
    }

    public String getScope() {
        return scope;
    }

    public ConsentCategory getCategory() {
        return category;
    }

    public Instant getDateTime() {
        return dateTime;
    }

    public String getPerformer() {
        return performer;
    }

    public int getPolicyVersion() {
        return policyVersion;
    }

    public Instant getPeriodStart() {
        return periodStart;
    }

    public Optional<Instant> getPeriodEnd() {
        return Optional.ofNullable(periodEnd);
    }

    @Override
    public String toString() {
        return "Consent[id=" + id + ", status=" + status + ", policyVersion=" + policyVersion + "]";
    }
}
