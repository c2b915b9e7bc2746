// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.control;

import java.time.Instant;
import org.imageshare.pacs.entity.RetrieveStatus;
import org.imageshare.pacs.entity.RetrieveTask;

/**
 * A retrieve task for the task table and the REST API.
 *
 * @param percent progress 0–100 from the counts (completed+failed+warning of the total), or null when unknown
 */
public record RetrieveTaskView(long id, String studyInstanceUid, String patientId, String studyDate,
                               String modalities, String description, String pacs, RetrieveStatus status,
                               Integer expected, Integer remaining, int completed, int failed, int warning,
                               Integer percent, String dimseStatus, String error, boolean cancelRequested,
                               Instant createdAt, String createdBy, Instant startedAt, Instant finishedAt) {

    public static RetrieveTaskView of(RetrieveTask t) {
        int done = t.getCompleted() + t.getFailed() + t.getWarning();
        Integer total = t.getRemaining().map(r -> r + done).or(t::getExpected).orElse(null);
        Integer percent = t.getStatus() == RetrieveStatus.DONE ? Integer.valueOf(100)
                : total == null || total == 0 ? null : Integer.valueOf(Math.min(100, done * 100 / total));
        return new RetrieveTaskView(t.getId(), t.getStudyInstanceUid(), t.getPatientId(), t.getStudyDate(),
                t.getModalities(), t.getDescription(), t.getPacsAeTitle() + "@" + t.getPacsHost() + ":" + t.getPacsPort(),
                t.getStatus(), t.getExpected().orElse(null), t.getRemaining().orElse(null), t.getCompleted(),
                t.getFailed(), t.getWarning(), percent, t.getDimseStatus().orElse(null), t.getError().orElse(null),
                t.isCancelRequested(), t.getCreatedAt(), t.getCreatedBy(), t.getStartedAt().orElse(null),
                t.getFinishedAt().orElse(null));
    }

    public boolean finished() {
        return status.isFinished();
    }
}
