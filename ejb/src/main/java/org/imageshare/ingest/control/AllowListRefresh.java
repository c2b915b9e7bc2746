// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.imageshare.ingest.boundary.DicomIngest;

/** Gives the running listener the new allow-list once the change has committed. */
@ApplicationScoped
public class AllowListRefresh {

    @Inject
    DicomIngest ingest;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AllowListChanged event) {
        ingest.reloadAllowedCallers();
    }
}
