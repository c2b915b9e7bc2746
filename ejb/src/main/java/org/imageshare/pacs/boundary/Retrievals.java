// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.pacs.control.ConfiguredPacs;
import org.imageshare.pacs.control.PacsDirectory;
import org.imageshare.pacs.control.RetrieveItem;
import org.imageshare.pacs.control.RetrieveQueued;
import org.imageshare.pacs.control.RetrieveTaskView;
import org.imageshare.pacs.entity.RetrieveStatus;
import org.imageshare.pacs.entity.RetrieveTask;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;

/**
 * Retrieve tasks for staff: ask the PACS to send chosen studies to us (one task per study, run one after
 * the other by {@link RetrieveWorker} once this transaction has committed), list them with their progress,
 * cancel a pending or running one, retry a finished one.
 */
@Stateless
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
public class Retrievals {

    /** Studies per request at most. */
    public static final int MAX_STUDIES = 50;
    private static final int RECENT = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    PacsDirectory directory;

    @Inject
    Clock clock;

    @Inject
    Event<RetrieveQueued> queued;

    @Inject
    Event<AuditEvent> audit;

    @Resource
    SessionContext context;

    public List<RetrieveTaskView> request(List<RetrieveItem> items) {
        if (items == null || items.isEmpty()) {
            throw new InvalidInput("studyInstanceUids", "Choose at least one study.");
        }
        Map<String, RetrieveItem> unique = new LinkedHashMap<>();
        for (RetrieveItem item : items) {
            String uid = item == null || item.studyInstanceUid() == null ? "" : item.studyInstanceUid().strip();
            if (!uid.matches("[0-9]+(\\.[0-9]+)+") || uid.length() > RetrieveTask.UID_LENGTH) {
                throw new InvalidInput("studyInstanceUids", "holds something that is not a study instance UID.");
            }
            unique.putIfAbsent(uid, item);
        }
        if (unique.size() > MAX_STUDIES) {
            throw new InvalidInput("studyInstanceUids", "Retrieve at most " + MAX_STUDIES + " studies at once.");
        }
        ConfiguredPacs pacs = directory.require();
        Instant now = clock.instant();
        String by = context.getCallerPrincipal().getName();
        List<RetrieveTask> tasks = new ArrayList<>();
        for (Map.Entry<String, RetrieveItem> e : unique.entrySet()) {
            RetrieveItem i = e.getValue();
            RetrieveTask task = new RetrieveTask(e.getKey(), i.patientId(), i.studyDate(), i.modalities(),
                    i.description(), i.expected(), pacs.aeTitle(), pacs.host(), pacs.port(), now, by);
            em.persist(task);
            tasks.add(task);
        }
        em.flush();
        List<Long> ids = tasks.stream().map(RetrieveTask::getId).toList();
        audit.fire(AuditEvent.byCaller(AuditAction.RETRIEVE_REQUESTED, null, tasks.size() + " studies from "
                + pacs.label() + ", tasks " + ids));
        queued.fire(new RetrieveQueued(ids));
        return tasks.stream().map(RetrieveTaskView::of).toList();
    }

    /** The most recent tasks, newest first. */
    public List<RetrieveTaskView> recent() {
        return em.createNamedQuery(RetrieveTask.FIND_RECENT, RetrieveTask.class).setMaxResults(RECENT)
                .getResultStream().map(RetrieveTaskView::of).toList();
    }

    public RetrieveTaskView get(long id) {
        return RetrieveTaskView.of(find(id, LockModeType.NONE));
    }

    /**
     * Cancels a task: a pending one at once; a running one by C-CANCEL at the PACS's next progress answer
     * (what has arrived by then stays). A finished task answers 409.
     */
    public RetrieveTaskView cancel(long id) {
        RetrieveTask task = find(id, LockModeType.PESSIMISTIC_WRITE);
        if (task.getStatus().isFinished()) {
            throw new Conflict("This retrieve has already ended.");
        }
        task.requestCancel();
        if (task.getStatus() == RetrieveStatus.PENDING) {
            task.finish(RetrieveStatus.CANCELLED, null, "cancelled before it started", clock.instant());
        }
        audit.fire(AuditEvent.byCaller(AuditAction.RETRIEVE_CANCELLED, null, "task " + id + ", study "
                + task.getStudyInstanceUid()));
        return RetrieveTaskView.of(task);
    }

    /** Runs a finished task again, as a new task against the PACS configured now. */
    public RetrieveTaskView retry(long id) {
        RetrieveTask old = find(id, LockModeType.NONE);
        if (!old.getStatus().isFinished()) {
            throw new Conflict("This retrieve is still running.");
        }
        ConfiguredPacs pacs = directory.require();
        RetrieveTask task = old.retry(clock.instant(), context.getCallerPrincipal().getName(), pacs.aeTitle(),
                pacs.host(), pacs.port());
        em.persist(task);
        em.flush();
        audit.fire(AuditEvent.byCaller(AuditAction.RETRIEVE_REQUESTED, null, "retry of task " + id + " as task "
                + task.getId() + " from " + pacs.label()));
        queued.fire(new RetrieveQueued(List.of(task.getId())));
        return RetrieveTaskView.of(task);
    }

    private RetrieveTask find(long id, LockModeType lock) {
        RetrieveTask task = em.find(RetrieveTask.class, id, lock);
        if (task == null) {
            throw new NotFound("No such retrieve task.");
        }
        return task;
    }
}
