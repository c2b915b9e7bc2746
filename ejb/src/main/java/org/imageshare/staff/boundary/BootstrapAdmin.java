// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.EnumSet;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.platform.control.Argon2id;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.Secrets;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.staff.entity.StaffUser;

/**
 * At the first start (no staff user at all) creates the bootstrap admin: IMAGESHARE_ADMIN_USER with
 * IMAGESHARE_ADMIN_PASSWORD, or a generated password written to {@code admin-password.txt} in the data
 * directory (readable by the owner only). The password never goes to the log.
 */
@Singleton
@Startup
@DependsOn("SchemaBootstrap")
public class BootstrapAdmin {

    public static final String PASSWORD_FILE = "admin-password.txt";
    private static final System.Logger LOG = System.getLogger(BootstrapAdmin.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    ImageShareConfig config;

    @Inject
    Argon2id hasher;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    @PostConstruct
    void createFirstAdmin() {
        long staff = em.createNamedQuery(StaffUser.COUNT_ALL, Long.class).getSingleResult();
        if (staff > 0) {
            return;
        }
        String username = config.adminUser();
        String password = config.adminPassword().orElse(null);
        Path file = config.dataDir().resolve(PASSWORD_FILE);
        if (password == null) {
            password = Secrets.password(20);
            writeOwnerOnly(file, username + "\n" + password + "\n");
        }
        em.persist(new StaffUser(username, "Administrator", hasher.hash(password.toCharArray()),
                EnumSet.allOf(StaffRole.class), clock.instant()));
        audit.fire(new AuditEvent(AuditAction.STAFF_CREATED, "system", null, username + " (bootstrap admin)"));
        LOG.log(Level.INFO, "Created the bootstrap admin {0}; {1}", username,
                config.adminPassword().isPresent() ? "password from IMAGESHARE_ADMIN_PASSWORD"
                        : "password in " + file);
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
