// SPDX-License-Identifier: Apache-2.0
package org.imageshare.audit.entity;

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
import java.time.Instant;
import java.util.Optional;

/**
 * One line of the append-only audit trail. Written in the transaction of the action it records; never
 * updated or deleted by the application (PostgreSQL enforces it with a trigger). Holds no PIN, password
 * or token, and no names: the patient is referred to by the account's surrogate key.
 */
@Entity
@Table(name = "audit_record")
@NamedQuery(name = AuditRecord.FIND_PAGE, query = "SELECT a FROM AuditRecord a ORDER BY a.id DESC")
@NamedQuery(name = AuditRecord.COUNT_ALL, query = "SELECT COUNT(a) FROM AuditRecord a")
@NamedQuery(name = AuditRecord.FIND_BY_ACCOUNT,
        query = "SELECT a FROM AuditRecord a WHERE a.accountId = :accountId ORDER BY a.id DESC")
@NamedQuery(name = AuditRecord.COUNT_SINCE, query = "SELECT COUNT(a) FROM AuditRecord a WHERE a.accountId = :accountId"
        + " AND a.action = :action AND a.detail = :detail AND a.occurredAt >= :since")
public class AuditRecord {

    public static final String FIND_PAGE = "AuditRecord.findPage";
    public static final String COUNT_ALL = "AuditRecord.countAll";
    public static final String FIND_BY_ACCOUNT = "AuditRecord.findByAccount";
    /** Lines of one account with this action and detail since a time (to audit something once per period). */
    public static final String COUNT_SINCE = "AuditRecord.countSince";
    /** Ids per block of audit_record_seq (its INCREMENT BY, V007): many requests audit at once. */
    public static final int ID_ALLOCATION = 500;
    public static final int ACTOR_LENGTH = 80;
    public static final int ADDRESS_LENGTH = 64;
    public static final int DETAIL_LENGTH = 500;

    @Id
    @SequenceGenerator(name = "audit_record_seq", sequenceName = "audit_record_seq", allocationSize = ID_ALLOCATION)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_record_seq")
    private long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", nullable = false, updatable = false, length = 40)
    private AuditAction action;

    @Column(name = "actor", nullable = false, updatable = false, length = ACTOR_LENGTH)
    private String actor;

    @Column(name = "account_id", updatable = false)
    private Long accountId;

    @Column(name = "address", updatable = false, length = ADDRESS_LENGTH)
    private String address;

    @Column(name = "detail", updatable = false, length = DETAIL_LENGTH)
    private String detail;

    protected AuditRecord() {
    }

    public AuditRecord(Instant occurredAt, AuditAction action, String actor, Long accountId, String address,
            String detail) {
        this.occurredAt = occurredAt;
        this.action = action;
        this.actor = truncate(actor, ACTOR_LENGTH);
        this.accountId = accountId;
        this.address = truncate(address, ADDRESS_LENGTH);
        this.detail = truncate(detail, DETAIL_LENGTH);
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    public long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public AuditAction getAction() {
        return action;
    }

    public String getActor() {
        return actor;
    }

    public Optional<Long> getAccountId() {
        return Optional.ofNullable(accountId);
    }

    public String getAddress() {
        return address;
    }

    public String getDetail() {
        return detail;
    }

    @Override
    public String toString() {
        return "AuditRecord[" + id + " " + action + "]";
    }
}
