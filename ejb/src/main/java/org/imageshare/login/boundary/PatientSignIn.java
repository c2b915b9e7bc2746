// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.enrolment.entity.AccountNumber;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.login.control.AccountBackoff;
import org.imageshare.login.control.PatientIdentity;
import org.imageshare.login.control.SignInOutcome;
import org.imageshare.login.control.SignInThrottle;
import org.imageshare.login.entity.PatientSession;
import org.imageshare.platform.control.Argon2id;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.Secrets;

/**
 * Patient sign-in with account number, PIN and birth date, and the sessions it opens.
 *
 * <p>Guarantees: every wrong answer looks the same to the caller (and costs the same time: an unknown
 * account still spends one Argon2id verification); throttling by address and overall is checked before
 * any verification; an account backs off after a few failures and locks after more, until staff unlock
 * it or re-issue the PIN; a session token is stored only as its SHA-256 and expires when idle.
 */
@Stateless
@PermitAll
public class PatientSignIn {

    private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(30);

    @PersistenceContext
    EntityManager em;

    @Inject
    Argon2id hasher;

    @Inject
    SignInThrottle throttle;

    @Inject
    AccountBackoff backoff;

    @Inject
    ImageShareConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    public SignInOutcome signIn(String accountNumber, String pin, String birthDate, String address) {
        if (throttle.check(address) != SignInThrottle.Verdict.ALLOWED) {
            audit.fire(new AuditEvent(AuditAction.SIGN_IN_THROTTLED, "anonymous", null, null));
            return new SignInOutcome.Throttled();
        }
        Instant now = clock.instant();
        Optional<PatientAccount> found = AccountNumber.parse(accountNumber).flatMap(this::findAccount);
        char[] pinChars = pin == null ? new char[0] : pin.toCharArray();
        if (found.isEmpty()) {
            hasher.dummyVerify(pinChars);
            return reject(address, null, "unknown account number");
        }
        PatientAccount account = found.get();
        if (account.isLocked()) {
            hasher.dummyVerify(pinChars);
            return reject(address, account.getId(), "account locked");
        }
        Optional<Instant> notBefore = account.getLastFailureAt()
                .flatMap(last -> backoff.notBefore(account.getFailedAttempts(), last));
        if (notBefore.isPresent() && now.isBefore(notBefore.get())) {
            hasher.dummyVerify(pinChars);
            return reject(address, account.getId(), "backing off");
        }
        boolean pinOk = hasher.verify(pinChars, account.getPinHash());
        boolean birthDateOk = sameDate(birthDate, account.getPatient().getBirthDate());
        if (!pinOk || !birthDateOk) {
            account.recordFailure(now);
            if (backoff.shouldLock(account.getFailedAttempts())) {
                account.lock(now);
                audit.fire(new AuditEvent(AuditAction.ACCOUNT_LOCKED, "system", account.getId(),
                        "after " + account.getFailedAttempts() + " consecutive failures"));
            }
            return reject(address, account.getId(), pinOk ? "wrong birth date" : "wrong PIN");
        }
        account.recordSuccess(now);
        String token = Secrets.token(32);
        em.persist(new PatientSession(account, Secrets.sha256Hex(token), now));
        PatientIdentity identity = new PatientIdentity(account.getId());
        audit.fire(new AuditEvent(AuditAction.SIGN_IN_SUCCEEDED, identity.callerName(), account.getId(), null));
        return new SignInOutcome.SignedIn(account.getId(), token);
    }

    /** The patient of a live session, refreshing its idle timer; empty for an unknown, ended or idle token. */
    public Optional<PatientIdentity> resume(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return em.createNamedQuery(PatientSession.FIND_BY_TOKEN_HASH, PatientSession.class)
                .setParameter("hash", Secrets.sha256Hex(token))
                .getResultStream().findFirst()
                .filter(s -> s.getEndedAt().isEmpty())
                .filter(s -> s.getLastSeenAt().plus(config.sessionIdleTimeout()).isAfter(now))
                .map(s -> {
                    if (s.getLastSeenAt().plus(TOUCH_INTERVAL).isBefore(now)) {
                        s.touch(now);
                    }
                    return new PatientIdentity(s.getAccount().getId());
                });
    }

    public void signOut(String token) {
        if (token == null) {
            return;
        }
        Instant now = clock.instant();
        em.createNamedQuery(PatientSession.FIND_BY_TOKEN_HASH, PatientSession.class)
                .setParameter("hash", Secrets.sha256Hex(token))
                .getResultStream().findFirst()
                .filter(s -> s.getEndedAt().isEmpty())
                .ifPresent(s -> {
                    s.end(now);
                    long accountId = s.getAccount().getId();
                    audit.fire(new AuditEvent(AuditAction.SIGNED_OUT, PatientIdentity.PREFIX + accountId,
                            accountId, null));
                });
    }

    private SignInOutcome reject(String address, Long accountId, String reason) {
        throttle.recordFailure(address);
        audit.fire(new AuditEvent(AuditAction.SIGN_IN_FAILED, "anonymous", accountId, reason));
        return new SignInOutcome.Rejected();
    }

    /**
     * The account, locked for this transaction: attempts on one account run one after the other, so the
     * failure count is exact under concurrent guessing (and guessing one account in parallel gains nothing).
     */
    private Optional<PatientAccount> findAccount(AccountNumber number) {
        return em.createNamedQuery(PatientAccount.FIND_BY_NUMBER, PatientAccount.class)
                .setParameter("number", number)
                .getResultStream().findFirst()
                .map(account -> em.find(PatientAccount.class, account.getId(), LockModeType.PESSIMISTIC_WRITE));
    }

    private static boolean sameDate(String input, LocalDate expected) {
        if (input == null) {
            return false;
        }
        try {
            return LocalDate.parse(input.strip()).equals(expected);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
