// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.imageshare.consent.control.ConsentLedger;
import org.imageshare.consent.control.ConsentState;
import org.imageshare.consent.entity.ConsentCategory;
import org.imageshare.login.control.PatientIdentity;

/**
 * Test-only: acts as the signed-in patient of an account on the consent ledger (what
 * {@code PatientConsentService} does with the caller's account), and reads the consent history.
 */
@Stateless
@PermitAll
public class ConsentProbe {

    @Inject
    ConsentLedger ledger;

    @Inject
    RevocationLog revocations;

    public ConsentState state(long accountId) {
        return ledger.stateOf(accountId);
    }

    public void give(long accountId, Integer version) {
        ledger.give(accountId, version, ConsentCategory.E_CONSENT, new PatientIdentity(accountId).callerName());
    }

    public void revoke(long accountId) {
        ledger.revoke(accountId, new PatientIdentity(accountId).callerName());
    }

    /** Newest first: {@code STATUS|CATEGORY|performer|policy version|ended?}. */
    public List<String> history(long accountId) {
        return ledger.history(accountId).stream().map(c -> c.getStatus() + "|" + c.getCategory() + "|"
                + c.getPerformer() + "|" + c.getPolicyVersion() + "|" + c.getPeriodEnd().isPresent()).toList();
    }

    public boolean revocationFiredFor(long accountId) {
        return revocations.contains(accountId);
    }
}
