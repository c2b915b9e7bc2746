// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.imageshare.dicom.RemoteAe;
import org.imageshare.dicom.ScuSettings;
import org.imageshare.pacs.entity.PacsNode;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.ImageShareConfig;

/** Which PACS to call and how: the admin's saved settings, else the IMAGESHARE_PACS_* defaults. */
@ApplicationScoped
public class PacsDirectory {

    @PersistenceContext
    EntityManager em;

    @Inject
    Config config;

    @Inject
    ImageShareConfig settings;

    public Optional<ConfiguredPacs> current() {
        PacsNode saved = em.find(PacsNode.class, PacsNode.THE_ID);
        if (saved != null) {
            return Optional.of(new ConfiguredPacs(saved.getAeTitle(), saved.getHost(), saved.getPort(),
                    ConfiguredPacs.DATABASE, saved.getUpdatedAt(), saved.getUpdatedBy()));
        }
        return environmentDefault();
    }

    /** The PACS from IMAGESHARE_PACS_AET / _HOST / _PORT, if both AE title and host are set and valid. */
    public Optional<ConfiguredPacs> environmentDefault() {
        Optional<String> aet = config.getOptionalValue("imageshare.pacs.aet", String.class).filter(s -> !s.isBlank());
        Optional<String> host = config.getOptionalValue("imageshare.pacs.host", String.class).filter(s -> !s.isBlank());
        int port = config.getOptionalValue("imageshare.pacs.port", Integer.class).orElse(104);
        if (aet.isEmpty() || host.isEmpty()) {
            return Optional.empty();
        }
        try {
            RemoteAe ae = new RemoteAe(aet.get(), host.get(), port);
            return Optional.of(new ConfiguredPacs(ae.aeTitle(), ae.host(), ae.port(), ConfiguredPacs.ENVIRONMENT,
                    null, null));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The configured PACS, or a {@link Conflict} telling staff that an admin must configure one. */
    public ConfiguredPacs require() {
        return current().orElseThrow(() -> new Conflict("No PACS is configured: an admin sets it under Staff → DICOM."));
    }

    /** Our side: our AE title as calling AE (and C-MOVE destination), the configured response timeout. */
    public ScuSettings scuSettings() {
        Duration timeout = config.getOptionalValue("imageshare.pacs.response-timeout", String.class)
                .map(Duration::parse).orElse(Duration.ofSeconds(60));
        return ScuSettings.of(settings.dicomAeTitle()).withResponseTimeout(timeout);
    }

    /** Our AE title: the C-MOVE destination the PACS must know. */
    public String ourAeTitle() {
        return settings.dicomAeTitle();
    }
}
