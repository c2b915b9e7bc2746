// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** Typed access to the settings of CONTRACT.md and the product's own; see README.md for the list. */
@ApplicationScoped
public class ImageShareConfig {

    @Inject
    Config config;

    public Path dataDir() {
        return Path.of(config.getValue("imageshare.data.dir.absolute", String.class));
    }

    /** Base of every link put in an e-mail or a handout; never taken from a request. */
    public String publicUrl() {
        String url = config.getValue("imageshare.public.url", String.class);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String hospitalName() {
        return config.getValue("imageshare.hospital.name", String.class);
    }

    public String helpContact() {
        return config.getValue("imageshare.help.contact", String.class);
    }

    /** Issuer of Patient ID assumed when an enrolment or a DICOM object names none. */
    public String defaultIssuer() {
        return config.getValue("imageshare.default.issuer", String.class);
    }

    /** Our DICOM AE title (IMAGESHARE_DICOM_AET). */
    public String dicomAeTitle() {
        return config.getValue("imageshare.dicom.aet", String.class);
    }

    /** The DICOM listener port (IMAGESHARE_DICOM_PORT). */
    public int dicomPort() {
        return config.getValue("imageshare.dicom.port", Integer.class);
    }

    /** The address the DICOM listener binds (IMAGESHARE_DICOM_BIND). */
    public String dicomBind() {
        return config.getValue("imageshare.dicom.bind", String.class);
    }

    public int dicomMaxAssociations() {
        return config.getValue("imageshare.dicom.max-associations", Integer.class);
    }

    public int dicomMaxPdu() {
        return config.getValue("imageshare.dicom.max-pdu", Integer.class);
    }

    public String mailFrom() {
        return config.getValue("imageshare.mail.from", String.class);
    }

    /** The configured SMTP host; empty means mail stays in the dev outbox. */
    public Optional<String> smtpHost() {
        return config.getOptionalValue("imageshare.smtp.host", String.class).filter(h -> !h.isBlank());
    }

    public Optional<String> smtpUser() {
        return config.getOptionalValue("imageshare.smtp.user", String.class).filter(h -> !h.isBlank());
    }

    public Optional<String> smtpPassword() {
        return config.getOptionalValue("imageshare.smtp.password", String.class);
    }

    public String adminUser() {
        return config.getValue("imageshare.admin.user", String.class);
    }

    public Optional<String> adminPassword() {
        return config.getOptionalValue("imageshare.admin.password", String.class).filter(p -> !p.isBlank());
    }

    public Duration releaseDelay() {
        return Duration.parse(config.getValue("imageshare.release.delay", String.class));
    }

    public Duration sessionIdleTimeout() {
        return duration("imageshare.session.idle-timeout");
    }

    public int integer(String key) {
        return config.getValue(key, Integer.class);
    }

    public Duration duration(String key) {
        return Duration.parse(config.getValue(key, String.class));
    }
}
