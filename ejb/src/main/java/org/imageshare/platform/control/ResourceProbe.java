// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.imageshare.platform.boundary.ResourceDefinitions;

/** Checks that the database and the message broker answer; used by {@link HealthChecks}. */
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ResourceProbe {

    @Resource(lookup = ResourceDefinitions.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = ResourceDefinitions.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    public HealthCheckResponse database() {
        try (var connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            return HealthCheckResponse.named("database").status(valid)
                    .withData("product", connection.getMetaData().getDatabaseProductName()).build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }

    public HealthCheckResponse broker() {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            return HealthCheckResponse.named("broker").up().build();
        } catch (JMSException | RuntimeException e) {
            return HealthCheckResponse.named("broker").down().withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
