// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of what ImageShare cannot work without: {@code /health} is UP only when all are UP.
 *
 * <p>The checks themselves run in {@link ResourceProbe}, an EJB: Payara Server creates the health checks
 * of an EAR while it loads the application, outside any component invocation, where a plain CDI bean of
 * the EJB module cannot look up its {@code java:app} resources.
 */
@ApplicationScoped
public class HealthChecks {

    @Inject
    ResourceProbe probe;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> probe.database();
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> probe.broker();
    }
}
