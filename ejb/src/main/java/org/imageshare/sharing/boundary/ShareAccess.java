// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jakarta.enterprise.context.ContextNotActiveException;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.control.RequestOrigin;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.enrolment.entity.Patient;
import org.imageshare.login.control.SignInThrottle;
import org.imageshare.mail.control.MailQueue;
import org.imageshare.platform.control.Argon2id;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.sharing.control.ShareGrant;
import org.imageshare.sharing.control.ShareGrantCache;
import org.imageshare.sharing.control.ShareGrants;
import org.imageshare.sharing.control.ShareMails;
import org.imageshare.sharing.control.ShareOutcome;
import org.imageshare.sharing.control.ShareState;
import org.imageshare.sharing.control.ShareThrottles;
import org.imageshare.sharing.control.ShareTokens;
import org.imageshare.sharing.entity.ShareLink;
import org.imageshare.study.control.StudySummary;
import org.imageshare.study.entity.Study;

/**
 * The one access decision for whoever holds a share link (no sign-in): the landing page calls
 * {@link #open}, the viewer and the download call {@link #authorize} on every request.
 *
 * <p>Guarantees: the token is looked up by its SHA-256 and compared in constant time; unknown, tampered,
 * expired, revoked and locked links all give the same {@link ShareOutcome.Unavailable} after the same work
 * (hash, one indexed query, one compare), and count against the address's limit; the scope is exactly the
 * chosen studies; revoke and expiry take effect on the next request; wrong access codes are limited per link
 * (the link locks) and per address; every open is counted and audited with address and user agent.
 *
 * <p>Counting does not serialize the opens of one link: the link is read without a lock and the open is
 * counted by one atomic {@code UPDATE} as the transaction's last statement, which also re-checks that the
 * link is still active (revoked, locked or expired meanwhile: the open is rolled back and unavailable). The
 * first open is claimed by {@code UPDATE … WHERE first_opened_at IS NULL}, which one opener wins; its
 * transaction queues the patient's first-open mail. Only a code check locks the row (failures are counted).
 */
@Stateless
@PermitAll
public class ShareAccess {

    /** Compared against when no row matched, so a miss costs the same compare as a hit. */
    private static final String NO_HASH = ShareTokens.hash("no such token");
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ShareThrottles throttles;

    @Inject
    ShareGrants grants;

    @Inject
    ShareGrantCache cache;

    @Inject
    Argon2id hasher;

    @Inject
    MailQueue mail;

    @Inject
    ImageShareConfig config;

    @Inject
    Event<AuditEvent> audit;

    @Inject
    RequestOrigin origin;

    @Resource
    SessionContext context;

    /**
     * The physician opens the link (landing page). With a valid grant cookie for this link: granted, not
     * counted again. A link with an access code and no grant needs {@code accessCode}; a correct one is
     * counted as an open and yields a new grant cookie value.
     */
    public ShareOutcome open(String token, String accessCode, String grantCookie, String address, String userAgent) {
        recordOrigin(address, userAgent);
        Optional<ShareOutcome> throttled = throttled(throttles.links(), address);
        if (throttled.isPresent()) {
            return throttled.get();
        }
        Instant now = clock.instant();
        String hash = ShareTokens.hash(token);
        long generation = cache.generation();
        // read without a lock: an open is counted by one atomic UPDATE at the end (which also re-checks that the
        // link is still active), so that many physicians opening one link at once do not queue on its row
        Optional<ShareLink> found = lookUp(hash, now);
        if (found.isEmpty()) {
            throttles.links().recordFailure(address);
            return new ShareOutcome.Unavailable();
        }
        ShareLink share = found.get();
        String grant = null;
        Instant grantUntil = null;
        if (share.hasAccessCode()) {
            if (grants.valid(grantCookie, share.getId(), share.getTokenHash(), now)) {
                return new ShareOutcome.Granted(grantOf(share), null, null);
            }
            if (accessCode == null || accessCode.isBlank()) {
                return new ShareOutcome.CodeRequired(false);
            }
            Optional<ShareOutcome> codeThrottled = throttled(throttles.codes(), address);
            if (codeThrottled.isPresent()) {
                return codeThrottled.get();
            }
            // a code is checked under the row's lock: wrong codes are counted exactly and lock the link
            if (!lockActive(share, now)) {
                throttles.links().recordFailure(address);
                return new ShareOutcome.Unavailable();
            }
            String code = accessCode.strip();
            if (code.length() > 12 || !hasher.verify(code.toCharArray(), share.getAccessCodeHash().orElseThrow())) {
                return wrongCode(share, address, now);
            }
            grantUntil = min(now.plus(throttles.grantTtl()), share.getExpiresAt());
            grant = grants.issue(share.getId(), share.getTokenHash(), grantUntil);
        }
        ShareGrant granted = rememberedGrant(share, hash, now, generation);
        audit.fire(new AuditEvent(AuditAction.LINK_OPENED, actor(share), share.getAccountId(), "share " + share.getId()
                + ": opened, user agent " + userAgentOf(userAgent)));
        em.flush();
        if (share.getFirstOpenedAt().isEmpty() && markFirstOpen(share.getId(), now) && share.isNotifyOnOpen()) {
            notifyPatient(share, now);
            em.flush();
        }
        if (!countOpen(share.getId(), now)) {
            // revoked, locked or expired since it was read: nothing of this open stays
            context.setRollbackOnly();
            throttles.links().recordFailure(address);
            return new ShareOutcome.Unavailable();
        }
        return new ShareOutcome.Granted(granted, grant, grantUntil);
    }

    /**
     * What the live link allows, from {@link ShareGrantCache} when it is there (the link's studies need no
     * reading per open), else read and remembered for the viewer's requests that follow.
     */
    private ShareGrant rememberedGrant(ShareLink share, String hash, Instant now, long generation) {
        Optional<ShareGrantCache.Entry> cached = cache.find(hash, now);
        if (cached.isPresent() && cached.get().grant().shareId() == share.getId()) {
            return cached.get().grant();
        }
        ShareGrant grant = grantOf(share);
        cache.put(grant, hash, now, share.getLastUsedAt().orElse(null), generation);
        return grant;
    }

    /**
     * True for exactly one opener of the link: the row is held from here to the commit only by that one (the
     * first-open mail follows in the same transaction); later opens skip this, seeing the first open's time.
     */
    private boolean markFirstOpen(long shareId, Instant now) {
        return em.createNamedQuery(ShareLink.MARK_FIRST_OPEN).setParameter("now", now).setParameter("id", shareId)
                .executeUpdate() == 1;
    }

    /**
     * Counts the open, if the link is still active: the last statement of the transaction, so the link's row is
     * held only from here to the commit (the audit line is already written). False: the link ended meanwhile.
     */
    private boolean countOpen(long shareId, Instant now) {
        return em.createNamedQuery(ShareLink.COUNT_OPEN).setParameter("now", now).setParameter("id", shareId)
                .executeUpdate() == 1;
    }

    /**
     * For the viewer and the download, on every request: what the link allows now, or empty for a dead link
     * (or a link with an access code and no valid grant cookie). Not counted as an open; the caller audits
     * what it serves with the grant's account and share id. Keeps last-used time (at most one write a minute).
     * A live link is answered from {@link ShareGrantCache} (no database read) for a few seconds; every revoke,
     * lock or consent withdrawal empties that cache in its own transaction, so it still takes effect at once.
     */
    public Optional<ShareGrant> authorize(String token, String grantCookie, String address) {
        recordOrigin(address, null);
        if (throttled(throttles.links(), address).isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = ShareTokens.hash(token);
        Optional<ShareGrantCache.Entry> cached = cache.find(hash, now);
        if (cached.isPresent()) {
            ShareGrant grant = cached.get().grant();
            if (grant.accessCode() && !grants.valid(grantCookie, grant.shareId(), hash, now)) {
                throttles.links().recordFailure(address);
                return Optional.empty();
            }
            if (touchDue(cached.get().lastTouched(), now)) {
                touch(grant.shareId(), now);
                cache.touched(cached.get(), now);
            }
            return Optional.of(grant);
        }
        long generation = cache.generation();
        Optional<ShareLink> found = lookUp(hash, now);
        if (found.isEmpty()) {
            throttles.links().recordFailure(address);
            return Optional.empty();
        }
        ShareLink share = found.get();
        ShareGrant grant = grantOf(share);
        Instant lastTouched = share.getLastUsedAt().orElse(null);
        boolean valid = !share.hasAccessCode() || grants.valid(grantCookie, share.getId(), share.getTokenHash(), now);
        if (valid && touchDue(lastTouched, now)) {
            touch(share.getId(), now);
            lastTouched = now;
        }
        cache.put(grant, hash, now, lastTouched, generation);
        if (!valid) {
            throttles.links().recordFailure(address);
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    private static boolean touchDue(Instant lastTouched, Instant now) {
        return lastTouched == null || lastTouched.isBefore(now.minus(TOUCH_EVERY));
    }

    private void touch(long shareId, Instant now) {
        em.createQuery("UPDATE ShareLink s SET s.lastUsedAt = :now WHERE s.id = :id")
                .setParameter("now", now).setParameter("id", shareId).executeUpdate();
    }

    /** Locks the link's row for the write that follows and reads it again: still active? */
    private boolean lockActive(ShareLink share, Instant now) {
        em.refresh(share, LockModeType.PESSIMISTIC_WRITE);
        return ShareState.of(share.getRevokedAt().orElse(null), share.getLockedAt().orElse(null),
                share.getExpiresAt(), now) == ShareState.ACTIVE;
    }

    /** The active link whose token has this hash, after the same work whatever the outcome. */
    private Optional<ShareLink> lookUp(String hash, Instant now) {
        Optional<ShareLink> row = em.createNamedQuery(ShareLink.FIND_BY_TOKEN_HASH, ShareLink.class)
                .setParameter("hash", hash).getResultStream().findFirst();
        boolean same = ShareTokens.sameHash(row.map(ShareLink::getTokenHash).orElse(NO_HASH), hash);
        return row.filter(s -> same && ShareState.of(s.getRevokedAt().orElse(null), s.getLockedAt().orElse(null),
                s.getExpiresAt(), now) == ShareState.ACTIVE);
    }

    private ShareOutcome wrongCode(ShareLink share, String address, Instant now) {
        throttles.codes().recordFailure(address);
        int failures = share.recordCodeFailure();
        int lockAfter = throttles.codeLockAfter();
        audit.fire(new AuditEvent(AuditAction.ACCESS_CODE_FAILED, actor(share), share.getAccountId(),
                "share " + share.getId() + ": wrong access code (" + failures + " of " + lockAfter + ")"));
        if (throttles.locksAfter(failures)) {
            share.lock(now);
            cache.forgetOnCommit();
            audit.fire(new AuditEvent(AuditAction.SHARE_LOCKED, actor(share), share.getAccountId(),
                    "share " + share.getId() + ": locked after " + failures + " wrong access codes"));
            return new ShareOutcome.Unavailable();
        }
        return new ShareOutcome.CodeRequired(true);
    }

    private void notifyPatient(ShareLink share, Instant now) {
        Patient patient = share.getAccount().getPatient();
        if (patient.getEmail() == null || patient.getEmail().isBlank()) {
            return;
        }
        var message = mail.enqueue(org.imageshare.sharing.control.ShareLinks.FIRST_OPEN_MAIL_KIND, patient.getEmail(),
                ShareMails.firstOpened(config.hospitalName(), config.publicUrl() + "/", now, config.helpContact()));
        audit.fire(new AuditEvent(AuditAction.MAIL_QUEUED, "system", share.getAccountId(),
                "share " + share.getId() + ": first-open mail " + message.getId()));
    }

    private static ShareGrant grantOf(ShareLink share) {
        List<Study> studies = share.getStudies();
        Set<String> uids = new HashSet<>();
        studies.forEach(s -> uids.add(s.getStudyInstanceUid()));
        return new ShareGrant(share.getId(), share.getAccountId(), uids, share.getExpiresAt(),
                studies.stream().map(StudySummary::of).toList(), share.hasAccessCode());
    }

    private static Optional<ShareOutcome> throttled(SignInThrottle throttle, String address) {
        return throttle.check(address) == SignInThrottle.Verdict.ALLOWED ? Optional.empty()
                : Optional.of(new ShareOutcome.Throttled(SignInThrottle.WINDOW));
    }

    /** The audit trail records the address the caller names (the same as the request's, behind the web layer). */
    private void recordOrigin(String address, String userAgent) {
        try {
            origin.set(address, userAgent);
        } catch (ContextNotActiveException e) {
            // no request (a timer or a test driver): the audit line goes without an address
        }
    }

    private static String actor(ShareLink share) {
        return "share-link:" + share.getId();
    }

    private static String userAgentOf(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown";
        }
        String ua = userAgent.replaceAll("[\\p{Cntrl}]", " ").strip();
        return ua.length() > 200 ? ua.substring(0, 200) : ua;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
