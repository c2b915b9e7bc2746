// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.imageshare.consent.control.ConsentLedger;
import org.imageshare.consent.control.ConsentState;
import org.imageshare.consent.entity.ConsentCategory;
import org.imageshare.login.control.PatientIdentity;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;

/**
 * A signed-in patient reads the current consent text, agrees to it or withdraws consent. Consent counts
 * only for the current text: agreeing to an older version is a conflict.
 */
@Stateless
@RolesAllowed(StaffRole.PATIENT)
public class PatientConsentService {

    @Resource
    SessionContext context;

    @Inject
    ConsentLedger ledger;

    public ConsentState state() {
        return ledger.stateOf(me().accountId());
    }

    /** E-consent for {@code version}, which must be the current text's version. */
    public void give(Integer version) {
        PatientIdentity me = me();
        ledger.give(me.accountId(), version, ConsentCategory.E_CONSENT, me.callerName());
    }

    /** Withdraws consent (a no-op without one); the patient's share links end with it. */
    public void revoke() {
        PatientIdentity me = me();
        ledger.revoke(me.accountId(), me.callerName());
    }

    private PatientIdentity me() {
        return PatientIdentity.fromCallerName(context.getCallerPrincipal().getName())
                .orElseThrow(() -> new NotFound("no patient account"));
    }
}
