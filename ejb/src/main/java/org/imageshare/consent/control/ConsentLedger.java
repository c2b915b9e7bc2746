// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.consent.entity.Consent;
import org.imageshare.consent.entity.ConsentCategory;
import org.imageshare.consent.entity.ConsentText;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.platform.control.NotFound;

/**
 * Consent texts and consent records of one account, inside the caller's transaction. At most one record of
 * an account is ACTIVE; it counts only while its policy version is the current text. Every change is
 * audited with the account id; nothing is deleted.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class ConsentLedger {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    @Inject
    Event<ConsentRevoked> revoked;

    public ConsentText current() {
        return em.createNamedQuery(ConsentText.FIND_NEWEST, ConsentText.class).setMaxResults(1)
                .getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no consent text: schema V004 not applied"));
    }

    public ConsentState stateOf(long accountId) {
        ConsentText text = current();
        Optional<Consent> inForce = active(accountId).filter(c -> c.isCurrentFor(text.getTextVersion()));
        return new ConsentState(text.getTextVersion(), text.getBody(), inForce.isPresent(),
                inForce.map(Consent::getDateTime).orElse(null),
                inForce.map(c -> c.getCategory().name()).orElse(null));
    }

    /** Consent for the current text; replaces (ends) an older active consent. Giving it twice is harmless. */
    public void give(long accountId, Integer version, ConsentCategory category, String performer) {
        ConsentText text = current();
        int agreed = ConsentRules.checkVersion(version, text.getTextVersion());
        PatientAccount account = lockedAccount(accountId);
        Optional<Consent> active = active(accountId);
        if (active.filter(c -> c.isCurrentFor(agreed)).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        active.ifPresent(c -> c.end(now));
        em.persist(Consent.given(account, category, now, performer, agreed));
        audit.fire(new AuditEvent(AuditAction.CONSENT_GIVEN, performer, accountId,
                "version " + agreed + ", " + category.name()));
    }

    /** Withdraws the active consent, if any: ends it, records the refusal and tells sharing to end the links. */
    public boolean revoke(long accountId, String performer) {
        PatientAccount account = lockedAccount(accountId);
        Optional<Consent> active = active(accountId);
        if (active.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        Consent ended = active.get();
        ended.end(now);
        em.persist(Consent.withdrawn(account, ended.getCategory(), now, performer, ended.getPolicyVersion()));
        audit.fire(new AuditEvent(AuditAction.CONSENT_REVOKED, performer, accountId,
                "version " + ended.getPolicyVersion()));
        revoked.fire(new ConsentRevoked(accountId));
        return true;
    }

    /** A new text version; from now on patients are asked again. */
    public int publish(String text, String publisher) {
        String body = ConsentRules.checkText(text);
        int next = current().getTextVersion() + 1;
        em.persist(new ConsentText(next, body, clock.instant(), publisher));
        em.flush();
        audit.fire(new AuditEvent(AuditAction.CONSENT_TEXT_PUBLISHED, publisher, null, "version " + next));
        return next;
    }

    /** Every record of the account, newest first. */
    public List<Consent> history(long accountId) {
        return em.createNamedQuery(Consent.FIND_ALL_OF_ACCOUNT, Consent.class)
                .setParameter("accountId", accountId).getResultList();
    }

    private Optional<Consent> active(long accountId) {
        return em.createNamedQuery(Consent.FIND_ACTIVE_OF_ACCOUNT, Consent.class)
                .setParameter("accountId", accountId).setMaxResults(1).getResultStream().findFirst();
    }

    /** Serialises concurrent consent changes of one account (one ACTIVE record at most). */
    private PatientAccount lockedAccount(long accountId) {
        PatientAccount account = em.find(PatientAccount.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new NotFound("no patient account");
        }
        return account;
    }
}
