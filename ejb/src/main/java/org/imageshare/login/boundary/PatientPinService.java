// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.enrolment.control.PinRules;
import org.imageshare.enrolment.entity.PatientAccount;
import org.imageshare.login.control.PatientIdentity;
import org.imageshare.platform.control.Argon2id;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;

/** A signed-in patient changes their own PIN. */
@Stateless
@RolesAllowed(StaffRole.PATIENT)
public class PatientPinService {

    @Resource
    SessionContext context;

    @PersistenceContext
    EntityManager em;

    @Inject
    Argon2id hasher;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    public void changePin(String currentPin, String newPin) {
        PatientIdentity me = PatientIdentity.fromCallerName(context.getCallerPrincipal().getName())
                .orElseThrow(() -> new NotFound("no patient account"));
        PatientAccount account = em.find(PatientAccount.class, me.accountId());
        if (account == null) {
            throw new NotFound("no patient account");
        }
        if (currentPin == null || !hasher.verify(currentPin.toCharArray(), account.getPinHash())) {
            throw new InvalidInput("currentPin", "is not your current PIN");
        }
        PinRules.check("newPin", newPin);
        account.replacePin(hasher.hash(newPin.toCharArray()), clock.instant());
        audit.fire(new AuditEvent(AuditAction.PIN_CHANGED, me.callerName(), account.getId(), null));
    }
}
