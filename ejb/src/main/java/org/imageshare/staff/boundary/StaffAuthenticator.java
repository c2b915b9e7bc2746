// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.login.control.AccountBackoff;
import org.imageshare.login.control.SignInThrottle;
import org.imageshare.login.control.StaffSignIn;
import org.imageshare.platform.control.Argon2id;
import org.imageshare.staff.control.StaffView;
import org.imageshare.staff.entity.StaffUser;

/**
 * Checks staff credentials for the identity store. The same back-off and address throttling as for
 * patients applies (staff accounts are not locked for good: that would let anyone lock out the desk).
 */
@Stateless
@PermitAll
public class StaffAuthenticator {

    @PersistenceContext
    EntityManager em;

    @Inject
    Argon2id hasher;

    @Inject
    AccountBackoff backoff;

    @Inject
    @StaffSignIn
    SignInThrottle throttle;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    /** The staff user if the password is right, the user enabled and not backing off; else empty. */
    public Optional<StaffView> authenticate(String username, String password, String address) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        if (throttle.check(address) != SignInThrottle.Verdict.ALLOWED) {
            return Optional.empty();
        }
        Optional<StaffUser> found = find(username);
        if (found.isEmpty() || !found.get().isEnabled()) {
            hasher.dummyVerify(secret);
            return fail(address, username, "unknown or disabled user");
        }
        StaffUser user = found.get();
        Instant now = clock.instant();
        if (user.getLastFailureAt() != null) {
            Optional<Instant> notBefore = backoff.notBefore(user.getFailedAttempts(), user.getLastFailureAt());
            if (notBefore.isPresent() && now.isBefore(notBefore.get())) {
                hasher.dummyVerify(secret);
                return fail(address, username, "backing off");
            }
        }
        if (!hasher.verify(secret, user.getPasswordHash())) {
            user.recordFailure(now);
            return fail(address, username, "wrong password");
        }
        if (user.getFailedAttempts() > 0) {
            user.recordSuccess();
        }
        if (hasher.needsRehash(user.getPasswordHash())) {
            user.changePassword(hasher.hash(secret));
        }
        return Optional.of(StaffView.of(user));
    }

    /** Re-checks a staff member on every request of a portal session: disabled means signed out. */
    public Optional<StaffView> current(String username) {
        return find(username).filter(StaffUser::isEnabled).map(StaffView::of);
    }

    /** Recorded once per interactive sign-in (not per Basic-authenticated API call). */
    public void recordSignIn(String username) {
        audit.fire(new AuditEvent(AuditAction.STAFF_SIGN_IN_SUCCEEDED, username, null, null));
    }

    private Optional<StaffView> fail(String address, String username, String reason) {
        throttle.recordFailure(address);
        audit.fire(new AuditEvent(AuditAction.STAFF_SIGN_IN_FAILED, "anonymous", null,
                reason + " for user " + truncate(username)));
        return Optional.empty();
    }

    private Optional<StaffUser> find(String username) {
        if (username == null || username.isBlank() || username.length() > StaffUser.USERNAME_LENGTH) {
            return Optional.empty();
        }
        return em.createNamedQuery(StaffUser.FIND_BY_USERNAME, StaffUser.class)
                .setParameter("username", username).getResultStream().findFirst();
    }

    private static String truncate(String username) {
        if (username == null) {
            return "";
        }
        String printable = username.replaceAll("[^\\p{Graph}]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) : printable;
    }
}
