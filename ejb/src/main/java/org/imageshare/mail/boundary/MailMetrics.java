// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.imageshare.mail.entity.MailStatus;

/**
 * Outbox gauges on {@code /metrics}: {@code imageshare_mail_dead} (mail every attempt failed for: staff
 * must resend or cancel it — alert when above zero) and {@code imageshare_mail_queued}. Counts only, no
 * addresses.
 */
@Singleton
@Startup
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MailMetrics {

    static final String DEAD = "imageshare.mail.dead";
    static final String QUEUED = "imageshare.mail.queued";

    @PersistenceContext
    EntityManager em;

    @Inject
    MetricRegistry registry;

    @Resource
    SessionContext context;

    @PostConstruct
    void register() {
        MailMetrics self = context.getBusinessObject(MailMetrics.class);
        registry.remove(DEAD);
        registry.remove(QUEUED);
        registry.gauge(DEAD, self, m -> m.count(MailStatus.DEAD));
        registry.gauge(QUEUED, self, m -> m.count(MailStatus.QUEUED));
    }

    /** A redeployment registers them again, for the new instance. */
    @PreDestroy
    void unregister() {
        registry.remove(DEAD);
        registry.remove(QUEUED);
    }

    public long count(MailStatus status) {
        return OutboxService.MailCounts.of(em).get(status);
    }
}
