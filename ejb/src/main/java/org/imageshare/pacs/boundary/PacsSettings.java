// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.dicom.DicomScu;
import org.imageshare.dicom.RemoteAe;
import org.imageshare.dicom.ScuException;
import org.imageshare.pacs.control.ConfiguredPacs;
import org.imageshare.pacs.control.EchoOutcome;
import org.imageshare.pacs.control.PacsDirectory;
import org.imageshare.pacs.entity.PacsNode;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.staff.entity.StaffRole;

/**
 * The PACS ImageShare pulls from, kept by admins: view, save (audited), forget (back to the
 * IMAGESHARE_PACS_* default), and "Test connection" (C-ECHO with our AE title).
 */
@Stateless
@RolesAllowed(StaffRole.ADMIN)
public class PacsSettings {

    @PersistenceContext
    EntityManager em;

    @Inject
    PacsDirectory directory;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    @Resource
    SessionContext context;

    public Optional<ConfiguredPacs> current() {
        return directory.current();
    }

    /** Our AE title, which the PACS must know (with our host and DICOM port) to send studies to us. */
    @RolesAllowed({StaffRole.ADMIN, StaffRole.REGISTRAR})
    public String ourAeTitle() {
        return directory.ourAeTitle();
    }

    public ConfiguredPacs save(String aeTitle, String host, Integer port) {
        RemoteAe ae = validate(aeTitle, host, port);
        PacsNode node = em.find(PacsNode.class, PacsNode.THE_ID);
        String by = context.getCallerPrincipal().getName();
        if (node == null) {
            em.persist(new PacsNode(ae.aeTitle(), ae.host(), ae.port(), clock.instant(), by));
        } else {
            node.update(ae.aeTitle(), ae.host(), ae.port(), clock.instant(), by);
        }
        audit.fire(AuditEvent.byCaller(AuditAction.PACS_CONFIGURED, null, "PACS set to " + ae));
        em.flush();
        return directory.require();
    }

    /** Forgets the saved PACS: the environment default (if any) applies again. */
    public Optional<ConfiguredPacs> clear() {
        PacsNode node = em.find(PacsNode.class, PacsNode.THE_ID);
        if (node != null) {
            em.remove(node);
            em.flush();
            audit.fire(AuditEvent.byCaller(AuditAction.PACS_CONFIGURED, null, "saved PACS removed"));
        }
        return directory.environmentDefault();
    }

    /** C-ECHO to the given settings (before saving) or, with all null, to the configured PACS. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public EchoOutcome testConnection(String aeTitle, String host, Integer port) {
        RemoteAe ae = aeTitle == null && host == null && port == null ? directory.require().remoteAe()
                : validate(aeTitle, host, port);
        long start = System.nanoTime();
        try {
            DicomScu.echo(directory.scuSettings(), ae);
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new EchoOutcome(true, ae.toString(), "C-ECHO answered with success in " + ms + " ms.", ms);
        } catch (ScuException e) {
            return new EchoOutcome(false, ae.toString(), e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    static RemoteAe validate(String aeTitle, String host, Integer port) {
        if (aeTitle == null || aeTitle.isBlank()) {
            throw new InvalidInput("aeTitle", "is required");
        }
        try {
            RemoteAe.validAeTitle(aeTitle);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("aeTitle", "must be 1 to 16 printable characters without backslash");
        }
        if (host == null || host.isBlank() || host.strip().length() > PacsNode.HOST_LENGTH
                || !host.strip().matches("[A-Za-z0-9.:\\-\\[\\]_]+")) {
            throw new InvalidInput("host", "must be a host name or an IP address");
        }
        if (port == null || port < 1 || port > 65535) {
            throw new InvalidInput("port", "must be a number from 1 to 65535");
        }
        return new RemoteAe(aeTitle, host, port);
    }
}
