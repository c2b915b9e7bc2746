// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.boundary;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.mail.MailSessionDefinition;
import jakarta.resource.AdministeredObjectDefinition;
import jakarta.resource.ConnectionFactoryDefinition;

/**
 * Every container resource the application uses, defined once in the application itself so that the
 * same archive runs on Payara Micro (one WAR) and Payara Server (the EAR) with no server-side set-up
 * beyond the ActiveMQ resource adapter. Values come from MicroProfile Config (see README.md).
 */
@Singleton
@DataSourceDefinition(
        name = ResourceDefinitions.DATA_SOURCE,
        className = "${MPCONFIG=imageshare.db.datasource-class}",
        url = "${MPCONFIG=imageshare.db.url}",
        user = "${MPCONFIG=imageshare.db.user}",
        password = "${MPCONFIG=imageshare.db.password}",
        minPoolSize = 2,
        maxPoolSize = ResourceDefinitions.MAX_POOL_SIZE,
        maxIdleTime = 300,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            "fish.payara.fail-all-connections=true",
            // Prepared statements kept per pooled connection: without it H2 parses every statement of
            // every DICOM object again (a tenth of the receive path's CPU). The type must be given
            // (Payara issue 6647); FIXED keeps the first 64, more than the application's statements.
            "fish.payara.statement-cache-size=64",
            "fish.payara.statement-cache-type=FIXED"
        })
@ConnectionFactoryDefinition(
        name = ResourceDefinitions.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = ResourceDefinitions.RESOURCE_ADAPTER,
        minPoolSize = 1,
        maxPoolSize = 16)
@AdministeredObjectDefinition(
        name = ResourceDefinitions.MAIL_QUEUE,
        interfaceName = "jakarta.jms.Queue",
        className = "org.apache.activemq.command.ActiveMQQueue",
        resourceAdapter = ResourceDefinitions.RESOURCE_ADAPTER,
        properties = "PhysicalName=" + ResourceDefinitions.MAIL_QUEUE_NAME)
@MailSessionDefinition(
        name = ResourceDefinitions.MAIL_SESSION,
        transportProtocol = "smtp",
        host = "${MPCONFIG=imageshare.smtp.effective-host}",
        from = "${MPCONFIG=imageshare.mail.from}",
        properties = {
            "mail.smtp.port=${MPCONFIG=imageshare.smtp.port}",
            "mail.smtp.starttls.enable=${MPCONFIG=imageshare.smtp.tls}",
            "mail.debug=false",
            "mail.smtp.connectiontimeout=10000",
            "mail.smtp.timeout=20000",
            "mail.smtp.writetimeout=20000"
        })
public class ResourceDefinitions {

    public static final String DATA_SOURCE = "java:app/jdbc/imageshare";
    /** The most database connections the pool holds. */
    public static final int MAX_POOL_SIZE = 32;
    public static final String CONNECTION_FACTORY = "java:app/jms/imageshare";
    public static final String MAIL_QUEUE = "java:app/jms/mailQueue";
    public static final String MAIL_QUEUE_NAME = "imageshare.mail";
    public static final String MAIL_SESSION = "java:app/mail/imageshare";
    /** The name under which server-config deploys the ActiveMQ resource adapter. */
    public static final String RESOURCE_ADAPTER = "activemq-rar";
}
