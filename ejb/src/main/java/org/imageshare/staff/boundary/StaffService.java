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
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.platform.control.Argon2id;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;
import org.imageshare.platform.control.Secrets;
import org.imageshare.staff.control.NewPassword;
import org.imageshare.staff.control.StaffView;
import org.imageshare.staff.control.StaffCredentialsChanged;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.staff.entity.StaffUser;

/** Admins manage staff users: create (with a one-time generated password), roles, disable, reset. */
@Stateless
@RolesAllowed(StaffRole.ADMIN)
public class StaffService {

    public static final int MIN_PASSWORD_LENGTH = 12;

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

    @Inject
    Event<StaffCredentialsChanged> credentialsChanged;

    public List<StaffView> list() {
        return em.createNamedQuery(StaffUser.FIND_ALL, StaffUser.class).getResultStream().map(StaffView::of).toList();
    }

    public NewPassword create(String username, String displayName, Set<StaffRole> roles) {
        String name = username == null ? "" : username.strip();
        if (!name.matches("[a-z][a-z0-9._-]{1,63}")) {
            throw new InvalidInput("username", "must be 2-64 lower-case letters, digits, dots, dashes or underscores");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > StaffUser.DISPLAY_NAME_LENGTH) {
            throw new InvalidInput("displayName", "is required (at most 128 characters)");
        }
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInput("roles", "choose at least one role");
        }
        if (find(name).isPresent()) {
            throw new Conflict("A staff user named " + name + " exists already");
        }
        String password = Secrets.password(16);
        StaffUser user = new StaffUser(name, displayName.strip(), hasher.hash(password.toCharArray()),
                EnumSet.copyOf(roles), clock.instant());
        em.persist(user);
        audit.fire(AuditEvent.byCaller(AuditAction.STAFF_CREATED, null, name + " " + user.getRoles()));
        return new NewPassword(name, password);
    }

    public void setEnabled(String username, boolean enabled) {
        StaffUser user = get(username);
        if (!enabled && username.equals(context.getCallerPrincipal().getName())) {
            throw new Conflict("You cannot disable your own account");
        }
        user.setEnabled(enabled);
        audit.fire(AuditEvent.byCaller(enabled ? AuditAction.STAFF_ENABLED : AuditAction.STAFF_DISABLED, null,
                username));
    }

    public void setRoles(String username, Set<StaffRole> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInput("roles", "choose at least one role");
        }
        StaffUser user = get(username);
        if (username.equals(context.getCallerPrincipal().getName()) && !roles.contains(StaffRole.admin)) {
            throw new Conflict("You cannot take the admin role from yourself");
        }
        user.setRoles(EnumSet.copyOf(roles));
        audit.fire(AuditEvent.byCaller(AuditAction.STAFF_ROLES_CHANGED, null, username + " " + user.getRoles()));
    }

    public NewPassword resetPassword(String username) {
        StaffUser user = get(username);
        String password = Secrets.password(16);
        user.changePassword(hasher.hash(password.toCharArray()));
        user.recordSuccess();
        audit.fire(AuditEvent.byCaller(AuditAction.STAFF_PASSWORD_RESET, null, username));
        credentialsChanged.fire(new StaffCredentialsChanged(username));
        return new NewPassword(username, password);
    }

    private StaffUser get(String username) {
        return find(username).orElseThrow(() -> new NotFound("No staff user " + username));
    }

    private Optional<StaffUser> find(String username) {
        return em.createNamedQuery(StaffUser.FIND_BY_USERNAME, StaffUser.class)
                .setParameter("username", username).getResultStream().findFirst();
    }
}
