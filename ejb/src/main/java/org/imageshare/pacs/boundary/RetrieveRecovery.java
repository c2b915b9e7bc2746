// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import org.imageshare.pacs.entity.RetrieveStatus;
import org.imageshare.pacs.entity.RetrieveTask;

/**
 * At start: tasks left pending or running by a previous run (stopped or killed) are marked failed
 * ("interrupted by a restart"); staff retry them from the task table. Whatever of their studies had
 * arrived is indexed already — each image is committed before the PACS hears it was stored.
 */
@Singleton
@Startup
@DependsOn("SchemaBootstrap")
public class RetrieveRecovery {

    private static final System.Logger LOG = System.getLogger(RetrieveRecovery.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @PostConstruct
    void failInterrupted() {
        List<RetrieveTask> left = em.createNamedQuery(RetrieveTask.FIND_UNFINISHED, RetrieveTask.class).getResultList();
        for (RetrieveTask t : left) {
            t.finish(RetrieveStatus.FAILED, null, "interrupted by a restart of ImageShare; retry it", clock.instant());
        }
        if (!left.isEmpty()) {
            LOG.log(Level.INFO, "{0} retrieve task(s) interrupted by the last shutdown marked failed", left.size());
        }
    }
}
