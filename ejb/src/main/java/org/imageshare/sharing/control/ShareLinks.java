// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.audit.entity.AuditRecord;
import org.imageshare.consent.control.ConsentLedger;
import org.imageshare.consent.control.ConsentRevoked;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.login.control.PatientIdentity;
import org.imageshare.mail.control.MailQueue;
import org.imageshare.mail.entity.MailMessage;
import org.imageshare.platform.control.Argon2id;
import org.imageshare.platform.control.Forbidden;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;
import org.imageshare.platform.control.Secrets;
import org.imageshare.sharing.entity.ShareLink;
import org.imageshare.study.control.StudyQueries;
import org.imageshare.study.control.StudySummary;
import org.imageshare.study.entity.Study;

/**
 * The patient's share links, inside the caller's transaction: create (consent first; only the account's
 * released studies; the share row, its audit line, the outbox row and the JMS trigger of the recipient's
 * mail in one transaction), revoke, list, the access log, and ending every link when consent is withdrawn.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class ShareLinks {

    /** The path of the physician's landing page under IMAGESHARE_PUBLIC_URL; the token follows. */
    public static final String LANDING_PATH = "/s/";
    public static final String MAIL_KIND = "SHARE_LINK";
    public static final String FIRST_OPEN_MAIL_KIND = "SHARE_FIRST_OPENED";
    static final String BY_PATIENT = "PATIENT";
    static final String BY_CONSENT = "CONSENT";
    private static final int ACCESS_LOG_MAX = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ConsentLedger consent;

    @Inject
    StudyQueries studies;

    @Inject
    Argon2id hasher;

    @Inject
    MailQueue mail;

    @Inject
    ImageShareConfig config;

    @Inject
    Event<AuditEvent> audit;

    @Inject
    Event<ShareCreated> created;

    @Inject
    ShareGrantCache grantCache;

    public CreatedShare create(PatientIdentity patient, ShareForm form) {
        long accountId = patient.accountId();
        if (!consent.stateOf(accountId).consented()) {
            throw new Forbidden("Please agree to the consent text before you share images.");
        }
        if (form == null) {
            throw new InvalidInput("body", "is required");
        }
        List<String> chosen = ShareRules.studies(form.studyInstanceUids());
        String recipient = ShareRules.recipient(form.recipientEmail());
        Instant now = clock.instant();
        Instant expiresAt = ShareRules.expiresAt(now, form.expiresInDays());
        Set<String> released = studies.releasedOf(accountId).stream().map(StudySummary::studyInstanceUid)
                .collect(Collectors.toSet());
        List<Study> scope = new ArrayList<>();
        for (String uid : chosen) {
            if (!released.contains(uid)) {
                throw new InvalidInput("studyInstanceUids", "contains a study that is not one of your released studies");
            }
            scope.add(em.createNamedQuery(Study.FIND_BY_UID, Study.class).setParameter("uid", uid).getSingleResult());
        }
        boolean withCode = Boolean.TRUE.equals(form.accessCode());
        String code = withCode ? Secrets.digits(6) : null;
        String token = ShareTokens.newToken();
        PatientAccount account = em.find(PatientAccount.class, accountId);
        if (account == null) {
            throw new NotFound("no patient account");
        }
        ShareLink share = new ShareLink(account, ShareTokens.hash(token), recipient, now, expiresAt,
                withCode ? hasher.hash(code.toCharArray()) : null, !Boolean.FALSE.equals(form.notifyOnFirstOpen()),
                scope);
        em.persist(share);
        em.flush();
        audit.fire(new AuditEvent(AuditAction.SHARE_CREATED, patient.callerName(), accountId, "share " + share.getId()
                + ": " + scope.size() + (scope.size() == 1 ? " study" : " studies") + ", expires "
                + expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + (withCode ? ", access code" : ", no access code")));
        MailMessage message = mail.enqueue(MAIL_KIND, recipient, ShareMails.toRecipient(config.hospitalName(),
                config.publicUrl() + LANDING_PATH + token, expiresAt, config.helpContact(), withCode));
        audit.fire(new AuditEvent(AuditAction.MAIL_QUEUED, patient.callerName(), accountId,
                "share " + share.getId() + ": link mail " + message.getId()));
        created.fire(new ShareCreated(chosen));
        return new CreatedShare(share.getId(), expiresAt, code);
    }

    /** Ends one of the account's links now; revoking a dead link again is harmless. Another's link: not found. */
    public void revoke(PatientIdentity patient, long shareId) {
        ShareLink share = em.find(ShareLink.class, shareId, LockModeType.PESSIMISTIC_WRITE);
        if (share == null || share.getAccountId() != patient.accountId()) {
            throw new NotFound("No share " + shareId);
        }
        grantCache.forgetOnCommit();
        if (share.revoke(clock.instant(), BY_PATIENT)) {
            audit.fire(new AuditEvent(AuditAction.SHARE_REVOKED, patient.callerName(), patient.accountId(),
                    "share " + shareId + ": revoked by the patient"));
        }
    }

    public List<ShareView> list(long accountId) {
        Instant now = clock.instant();
        return em.createNamedQuery(ShareLink.FIND_OF_ACCOUNT, ShareLink.class).setParameter("accountId", accountId)
                .getResultStream().map(s -> ShareView.of(s, now)).toList();
    }

    /** Every audit line of the account (sign-ins, consent, shares, opens, …), newest first. */
    public List<AccessLogEntry> accessLog(long accountId) {
        return em.createNamedQuery(AuditRecord.FIND_BY_ACCOUNT, AuditRecord.class)
                .setParameter("accountId", accountId).setMaxResults(ACCESS_LOG_MAX)
                .getResultStream().map(AccessLogEntry::of).toList();
    }

    /** Consent withdrawn: every link of the account ends in the same transaction. */
    void onConsentRevoked(@Observes ConsentRevoked revoked) {
        Instant now = clock.instant();
        List<ShareLink> links = em.createNamedQuery(ShareLink.FIND_UNREVOKED_OF_ACCOUNT, ShareLink.class)
                .setParameter("accountId", revoked.accountId()).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        for (ShareLink link : links) {
            grantCache.forgetOnCommit();
            if (link.revoke(now, BY_CONSENT)) {
                audit.fire(new AuditEvent(AuditAction.SHARE_REVOKED, null, revoked.accountId(),
                        "share " + link.getId() + ": ended, consent withdrawn"));
            }
        }
    }
}
