// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.study.entity.Study;

/**
 * A share link: one recipient may see exactly the chosen studies of one patient account until the link
 * expires, is revoked or locks after too many wrong access codes. The token and the access code are held
 * only as hashes; {@link #toString()} prints neither them nor the recipient.
 */
@Entity
@Table(name = "share_link")
@NamedQuery(name = ShareLink.FIND_BY_TOKEN_HASH, query = "SELECT s FROM ShareLink s WHERE s.tokenHash = :hash")
@NamedQuery(name = ShareLink.COUNT_OPEN, query = "UPDATE ShareLink s SET s.openCount = s.openCount + 1, "
        + "s.lastUsedAt = :now WHERE s.id = :id AND (s.revokedAt IS NULL OR s.revokedAt > :now) "
        + "AND s.lockedAt IS NULL AND s.expiresAt > :now")
@NamedQuery(name = ShareLink.MARK_FIRST_OPEN,
        query = "UPDATE ShareLink s SET s.firstOpenedAt = :now WHERE s.id = :id AND s.firstOpenedAt IS NULL")
@NamedQuery(name = ShareLink.FIND_OF_ACCOUNT,
        query = "SELECT s FROM ShareLink s WHERE s.account.id = :accountId ORDER BY s.createdAt DESC, s.id DESC")
@NamedQuery(name = ShareLink.FIND_UNREVOKED_OF_ACCOUNT,
        query = "SELECT s FROM ShareLink s WHERE s.account.id = :accountId AND s.revokedAt IS NULL ORDER BY s.id")
public class ShareLink {

    public static final String FIND_BY_TOKEN_HASH = "ShareLink.findByTokenHash";
    /**
     * Counts an open of a link that is still active at {@code :now} (one row) or does nothing (revoked, locked
     * or expired meanwhile): an atomic increment that holds the row only from this statement to the commit,
     * so many opens of one link do not queue behind each other's whole transaction. Run it last.
     */
    public static final String COUNT_OPEN = "ShareLink.countOpen";
    /** Marks the first open: one row for exactly one opener of the link, none for everyone after it. */
    public static final String MARK_FIRST_OPEN = "ShareLink.markFirstOpen";
    public static final String FIND_OF_ACCOUNT = "ShareLink.findOfAccount";
    public static final String FIND_UNREVOKED_OF_ACCOUNT = "ShareLink.findUnrevokedOfAccount";
    public static final int TOKEN_HASH_LENGTH = 64;
    public static final int EMAIL_LENGTH = 254;
    public static final int CODE_HASH_LENGTH = 200;
    public static final int REASON_LENGTH = 16;

    @Id
    @SequenceGenerator(name = "share_link_seq", sequenceName = "share_link_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "share_link_seq")
    private long id;

    @Version
    private long version;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "account_fk", nullable = false, updatable = false)
    private PatientAccount account;

    @Column(name = "token_hash", nullable = false, unique = true, updatable = false, length = TOKEN_HASH_LENGTH)
    private String tokenHash;

    @Column(name = "recipient_email", nullable = false, updatable = false, length = EMAIL_LENGTH)
    private String recipientEmail;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoke_reason", length = REASON_LENGTH)
    private String revokeReason;

    @Column(name = "access_code_hash", updatable = false, length = CODE_HASH_LENGTH)
    private String accessCodeHash;

    @Column(name = "code_failures", nullable = false)
    private int codeFailures;

    @Column(name = "locked_at")
    private Instant lockedAt;

    @Column(name = "open_count", nullable = false)
    private int openCount;

    @Column(name = "first_opened_at")
    private Instant firstOpenedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "notify_on_open", nullable = false)
    private boolean notifyOnOpen;

    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(name = "share_link_study", joinColumns = @JoinColumn(name = "share_fk"),
            inverseJoinColumns = @JoinColumn(name = "study_fk"))
    private List<Study> studies = new ArrayList<>();

    protected ShareLink() {
    }

    public ShareLink(PatientAccount account, String tokenHash, String recipientEmail, Instant createdAt,
            Instant expiresAt, String accessCodeHash, boolean notifyOnOpen, List<Study> studies) {
        this.account = Objects.requireNonNull(account);
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.recipientEmail = Objects.requireNonNull(recipientEmail);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.accessCodeHash = accessCodeHash;
        this.notifyOnOpen = notifyOnOpen;
        this.studies = new ArrayList<>(studies);
    }

    /** Ends the link now; a second revoke keeps the first time and reason. */
    public boolean revoke(Instant now, String reason) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now;
        revokeReason = reason;
        return true;
    }

    /** Counts a wrong access code; returns the failures so far. */
    public int recordCodeFailure() {
        return ++codeFailures;
    }

    public void lock(Instant now) {
        if (lockedAt == null) {
            lockedAt = now;
        }
    }

    /** For tests and operators: moves the expiry (e.g. into the past). */
    public void expireAt(Instant when) {
        expiresAt = when;
    }

    public long getId() {
        return id;
    }

    public PatientAccount getAccount() {
        return account;
    }

    public long getAccountId() {
        return account.getId();
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getRecipientEmail() {
        return recipientEmail;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Optional<Instant> getRevokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    public Optional<String> getRevokeReason() {
        return Optional.ofNullable(revokeReason);
    }

    public Optional<String> getAccessCodeHash() {
        return Optional.ofNullable(accessCodeHash);
    }

    public boolean hasAccessCode() {
        return accessCodeHash != null;
    }

    public int getCodeFailures() {
        return codeFailures;
    }

    public Optional<Instant> getLockedAt() {
        return Optional.ofNullable(lockedAt);
    }

    public int getOpenCount() {
        return openCount;
    }

    public Optional<Instant> getFirstOpenedAt() {
        return Optional.ofNullable(firstOpenedAt);
    }

    public Optional<Instant> getLastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    public boolean isNotifyOnOpen() {
        return notifyOnOpen;
    }

    public List<Study> getStudies() {
        return List.copyOf(studies);
    }

    @Override
    public String toString() {
        return "ShareLink[" + id + "]";
    }
}
