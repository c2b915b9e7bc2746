// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.platform.control.Argon2id;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.staff.control.StaffCredentialsChanged;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.staff.entity.StaffUser;

/** Any staff member changes their own password. */
@Stateless
@RolesAllowed({StaffRole.ADMIN, StaffRole.REGISTRAR})
public class OwnPasswordService {

    @Resource
    SessionContext context;

    @PersistenceContext
    EntityManager em;

    @Inject
    Argon2id hasher;

    @Inject
    Event<AuditEvent> audit;

    @Inject
    Event<StaffCredentialsChanged> credentialsChanged;

    public void change(String currentPassword, String newPassword) {
        String me = context.getCallerPrincipal().getName();
        StaffUser user = em.createNamedQuery(StaffUser.FIND_BY_USERNAME, StaffUser.class)
                .setParameter("username", me).getSingleResult();
        if (currentPassword == null || !hasher.verify(currentPassword.toCharArray(), user.getPasswordHash())) {
            throw new InvalidInput("currentPassword", "is not your current password");
        }
        if (newPassword == null || newPassword.length() < StaffService.MIN_PASSWORD_LENGTH
                || newPassword.length() > 200) {
            throw new InvalidInput("newPassword", "must be 12 to 200 characters long");
        }
        user.changePassword(hasher.hash(newPassword.toCharArray()));
        audit.fire(AuditEvent.byCaller(AuditAction.STAFF_PASSWORD_RESET, null, me + " (own)"));
        credentialsChanged.fire(new StaffCredentialsChanged(me));
    }
}
