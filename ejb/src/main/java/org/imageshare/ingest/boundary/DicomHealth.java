// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The {@code dicom} readiness check: UP while the DICOM listener accepts associations. */
@Readiness
@ApplicationScoped
public class DicomHealth implements HealthCheck {

    @Inject
    DicomIngest ingest;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("dicom").status(ingest.isRunning())
                .withData("port", ingest.port().map(String::valueOf).orElse("-"))
                .withData("activeAssociations", ingest.activeAssociations())
                .build();
    }
}
