// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.dicom.MoveResult;
import org.imageshare.dicom.RemoteAe;
import org.imageshare.pacs.entity.RetrieveStatus;
import org.imageshare.pacs.entity.RetrieveTask;

/**
 * The worker's writes to a task row, each in its own short transaction so that the task table shows
 * progress while the C-MOVE runs. Internal ({@code @PermitAll}, not exposed over HTTP).
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RetrieveProgress {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    /** Marks a pending task running and returns its PACS; empty if it was cancelled (or ended) meanwhile. */
    public Optional<RemoteAe> start(long id) {
        RetrieveTask task = em.find(RetrieveTask.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (task == null || task.getStatus() != RetrieveStatus.PENDING) {
            return Optional.empty();
        }
        task.start(clock.instant());
        return Optional.of(new RemoteAe(task.getPacsAeTitle(), task.getPacsHost(), task.getPacsPort()));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String studyOf(long id) {
        return em.find(RetrieveTask.class, id).getStudyInstanceUid();
    }

    /** Records the counts of a pending C-MOVE response; answers true if staff asked to cancel. */
    public boolean update(long id, int remaining, int completed, int failed, int warning) {
        RetrieveTask task = em.find(RetrieveTask.class, id, LockModeType.PESSIMISTIC_WRITE);
        task.progress(remaining, completed, failed, warning);
        return task.isCancelRequested();
    }

    /** The end: status, counts, error; audited as {@code STUDY_RETRIEVED} by whoever asked for it. */
    public void finish(long id, RetrieveStatus outcome, String dimseStatus, String error, Optional<MoveResult> result) {
        RetrieveTask task = em.find(RetrieveTask.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (task == null || task.getStatus().isFinished()) {
            return;
        }
        result.ifPresent(r -> task.progress(r.remaining(), r.completed() < 0 ? task.getCompleted() : r.completed(),
                r.failed() < 0 ? task.getFailed() : r.failed(), r.warning() < 0 ? task.getWarning() : r.warning()));
        task.finish(outcome, dimseStatus, error, clock.instant());
        audit.fire(new AuditEvent(AuditAction.STUDY_RETRIEVED, task.getCreatedBy(), null,
                "task " + id + ", study " + task.getStudyInstanceUid() + " from " + task.getPacsAeTitle() + "@"
                        + task.getPacsHost() + ":" + task.getPacsPort() + ": " + outcome + ", completed "
                        + task.getCompleted() + ", failed " + task.getFailed() + ", warning " + task.getWarning()
                        + (dimseStatus == null ? "" : ", status " + dimseStatus)));
    }
}
