// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.imageshare.pacs.boundary.RetrieveWorker;

/** Hands queued tasks to the asynchronous worker once the transaction that wrote them has committed. */
@ApplicationScoped
public class RetrieveDispatcher {

    @Inject
    RetrieveWorker worker;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RetrieveQueued event) {
        worker.run(event.taskIds());
    }
}
