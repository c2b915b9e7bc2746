// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.dicom.RemoteAe;
import org.imageshare.ingest.control.AllowListChanged;
import org.imageshare.ingest.control.AllowedCallerView;
import org.imageshare.ingest.entity.AllowedCallingAe;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;

/**
 * The calling-AE allow-list of the DICOM listener, kept by admins. Empty: every calling AE title is
 * accepted. Otherwise only listed AE titles (from the listed host, where one is given) may associate;
 * others get A-ASSOCIATE-RJ "calling AE title not recognized". Changes are audited and reach the
 * running listener when they commit.
 */
@Stateless
@RolesAllowed(StaffRole.ADMIN)
public class AllowList {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    @Inject
    Event<AllowListChanged> changed;

    @Resource
    SessionContext context;

    public List<AllowedCallerView> list() {
        return em.createNamedQuery(AllowedCallingAe.FIND_ALL, AllowedCallingAe.class).getResultStream()
                .map(AllowedCallerView::of).toList();
    }

    public AllowedCallerView add(String aeTitle, String host) {
        String ae;
        try {
            ae = RemoteAe.validAeTitle(aeTitle == null ? "" : aeTitle);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("aeTitle", "must be 1 to 16 printable characters without backslash");
        }
        Optional<String> h = Optional.ofNullable(host).map(String::strip).filter(s -> !s.isEmpty());
        if (h.isPresent() && (h.get().length() > AllowedCallingAe.HOST_LENGTH
                || !h.get().matches("[A-Za-z0-9.:\\-_]+"))) {
            throw new InvalidInput("host", "must be a host name or an IP address, or empty for any host");
        }
        boolean exists = em.createNamedQuery(AllowedCallingAe.FIND_BY_KEY, AllowedCallingAe.class)
                .setParameter("aeTitle", ae).setParameter("host", h.orElse("")).getResultStream().findAny().isPresent();
        if (exists) {
            throw new Conflict("This AE title is on the list already" + (h.isPresent() ? " for this host." : "."));
        }
        AllowedCallingAe entry = new AllowedCallingAe(ae, h, clock.instant(), context.getCallerPrincipal().getName());
        em.persist(entry);
        em.flush();
        audit.fire(AuditEvent.byCaller(AuditAction.CALLING_AE_ALLOWED, null, describe(entry)));
        changed.fire(new AllowListChanged());
        return AllowedCallerView.of(entry);
    }

    public void remove(long id) {
        AllowedCallingAe entry = em.find(AllowedCallingAe.class, id);
        if (entry == null) {
            throw new NotFound("No such allow-list entry.");
        }
        em.remove(entry);
        audit.fire(AuditEvent.byCaller(AuditAction.CALLING_AE_REMOVED, null, describe(entry)));
        changed.fire(new AllowListChanged());
    }

    private static String describe(AllowedCallingAe e) {
        return "calling AE " + e.getAeTitle() + " from " + e.getHost().orElse("any host");
    }
}
