// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.imageshare.platform.boundary.ResourceDefinitions;

/** Readiness of what ImageShare cannot work without: {@code /health} is UP only when all are UP. */
@ApplicationScoped
public class HealthChecks {

    @Resource(lookup = ResourceDefinitions.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = ResourceDefinitions.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (var connection = dataSource.getConnection()) {
                boolean valid = connection.isValid(2);
                return HealthCheckResponse.named("database").status(valid)
                        .withData("product", connection.getMetaData().getDatabaseProductName()).build();
            } catch (SQLException e) {
                return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName())
                        .build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> {
            try (Connection connection = connectionFactory.createConnection()) {
                connection.start();
                return HealthCheckResponse.named("broker").up().build();
            } catch (JMSException | RuntimeException e) {
                return HealthCheckResponse.named("broker").down().withData("error", e.getClass().getSimpleName())
                        .build();
            }
        };
    }
}
