// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.entity;

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

/** One outgoing e-mail in the outbox: written with the action that causes it, delivered over JMS. */
@Entity
@Table(name = "mail_message")
@NamedQuery(name = MailMessage.FIND_RECENT, query = "SELECT m FROM MailMessage m ORDER BY m.id DESC")
@NamedQuery(name = MailMessage.FIND_DUE_IDS,
        query = "SELECT m.id FROM MailMessage m WHERE m.status = org.imageshare.mail.entity.MailStatus.QUEUED "
                + "AND m.nextAttemptAt <= :now ORDER BY m.nextAttemptAt")
@NamedQuery(name = MailMessage.CLAIM_DUE,
        query = "UPDATE MailMessage m SET m.nextAttemptAt = :watchdog, m.version = m.version + 1 WHERE m.id = :id "
                + "AND m.status = org.imageshare.mail.entity.MailStatus.QUEUED AND m.nextAttemptAt <= :now")
@NamedQuery(name = MailMessage.FIND_BY_STATUS,
        query = "SELECT m FROM MailMessage m WHERE m.status = :status ORDER BY m.id DESC")
@NamedQuery(name = MailMessage.COUNT_BY_STATUS,
        query = "SELECT m.status, COUNT(m) FROM MailMessage m GROUP BY m.status")
@NamedQuery(name = MailMessage.FIND_BY_RECIPIENT,
        query = "SELECT m FROM MailMessage m WHERE m.recipient = :recipient ORDER BY m.id DESC")
public class MailMessage {

    public static final String FIND_RECENT = "MailMessage.findRecent";
    public static final String FIND_BY_RECIPIENT = "MailMessage.findByRecipient";
    public static final String FIND_BY_STATUS = "MailMessage.findByStatus";
    public static final String FIND_DUE_IDS = "MailMessage.findDueIds";
    /** Moves a due, queued mail's next attempt to the watchdog time; 1 row when it was still due. */
    public static final String CLAIM_DUE = "MailMessage.claimDue";
    /** Rows of {@code [MailStatus, Long]}. */
    public static final String COUNT_BY_STATUS = "MailMessage.countByStatus";
    public static final int RECIPIENT_LENGTH = 254;
    public static final int SUBJECT_LENGTH = 200;
    public static final int BODY_LENGTH = 100_000;
    public static final int ERROR_LENGTH = 500;

    @Id
    @SequenceGenerator(name = "mail_message_seq", sequenceName = "mail_message_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mail_message_seq")
    private long id;

    @Version
    private long version;

    @Column(name = "kind", nullable = false, length = 40)
    private String kind;

    @Column(name = "recipient", nullable = false, length = RECIPIENT_LENGTH)
    private String recipient;

    @Column(name = "subject", nullable = false, length = SUBJECT_LENGTH)
    private String subject;

    @Column(name = "text_body", nullable = false, length = BODY_LENGTH)
    private String textBody;

    @Column(name = "html_body", nullable = false, length = BODY_LENGTH)
    private String htmlBody;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private MailStatus status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "last_error", length = ERROR_LENGTH)
    private String lastError;

    protected MailMessage() {
    }

    public MailMessage(String kind, String recipient, String subject, String textBody, String htmlBody, Instant now) {
        this.kind = kind;
        this.recipient = recipient;
        this.subject = subject;
        this.textBody = textBody;
        this.htmlBody = htmlBody;
        this.status = MailStatus.QUEUED;
        this.createdAt = now;
    }

    public long getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getSubject() {
        return subject;
    }

    public String getTextBody() {
        return textBody;
    }

    public String getHtmlBody() {
        return htmlBody;
    }

    public MailStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Optional<Instant> getNextAttemptAt() {
        return Optional.ofNullable(nextAttemptAt);
    }

    public Optional<Instant> getSentAt() {
        return Optional.ofNullable(sentAt);
    }

    public Optional<String> getLastError() {
        return Optional.ofNullable(lastError);
    }

    public boolean isPending() {
        return status == MailStatus.QUEUED;
    }

    public void markSent(Instant now) {
        attempts++;
        status = MailStatus.SENT;
        sentAt = now;
        nextAttemptAt = null;
        lastError = null;
    }

    public void keepInDevOutbox(Instant now) {
        status = MailStatus.DEV_OUTBOX;
        sentAt = now;
        nextAttemptAt = null;
    }

    public void markFailed(String error, Instant nextAttempt) {
        attempts++;
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), ERROR_LENGTH));
        if (nextAttempt == null) {
            status = MailStatus.DEAD;
            nextAttemptAt = null;
        } else {
            nextAttemptAt = nextAttempt;
        }
    }

    public void cancel() {
        status = MailStatus.CANCELLED;
        nextAttemptAt = null;
    }

    /** If no delivery happens by then, the retry timer sends the trigger again. */
    public void scheduleWatchdog(Instant at) {
        nextAttemptAt = at;
    }

    /** Staff send it again: a fresh round of attempts under the retry policy. */
    public void requeue(Instant now) {
        status = MailStatus.QUEUED;
        attempts = 0;
        nextAttemptAt = now;
    }

    @Override
    public String toString() {
        return "MailMessage[" + id + " " + kind + " " + status + "]";
    }
}
