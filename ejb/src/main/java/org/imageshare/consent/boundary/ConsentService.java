// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.imageshare.consent.control.ConsentLedger;
import org.imageshare.consent.control.ConsentState;
import org.imageshare.consent.entity.ConsentCategory;
import org.imageshare.enrolment.entity.AccountNumber;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;

/**
 * Consent for staff: the desk records paper consent (attested by the caller) and sees a patient's state;
 * an admin publishes a new consent text, after which every patient is asked again.
 */
@Stateless
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
public class ConsentService {

    @Resource
    SessionContext context;

    @PersistenceContext
    EntityManager em;

    @Inject
    ConsentLedger ledger;

    public ConsentState stateOf(String accountNumber) {
        return ledger.stateOf(accountId(accountNumber));
    }

    /** The patient signed the paper form for {@code version} (the current text); the caller attests it. */
    public void recordPaperConsent(String accountNumber, Integer version) {
        ledger.give(accountId(accountNumber), version, ConsentCategory.PAPER, caller());
    }

    /** The patient withdrew consent at the desk. */
    public void revoke(String accountNumber) {
        ledger.revoke(accountId(accountNumber), caller());
    }

    /** The text patients are asked to agree to now. */
    public ConsentState currentText() {
        var text = ledger.current();
        return new ConsentState(text.getTextVersion(), text.getBody(), false, null, null);
    }

    /** Publishes a new text version and returns its number. */
    @RolesAllowed(StaffRole.ADMIN)
    public int publish(String text) {
        return ledger.publish(text, caller());
    }

    private long accountId(String accountNumber) {
        return AccountNumber.parse(accountNumber)
                .flatMap(n -> em.createNamedQuery(PatientAccount.FIND_BY_NUMBER, PatientAccount.class)
                        .setParameter("number", n).getResultStream().findFirst())
                .map(PatientAccount::getId)
                .orElseThrow(() -> new NotFound("No account with number " + accountNumber));
    }

    private String caller() {
        return context.getCallerPrincipal().getName();
    }
}
