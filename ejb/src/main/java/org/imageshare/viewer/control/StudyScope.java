// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

import java.util.Objects;
import java.util.Set;

/**
 * What one viewer request may see, resolved per request by the route's boundary (never taken from the
 * client): the study UIDs, and whose studies they are (the account whose access log records a view).
 *
 * @param studyInstanceUids the studies this request may read
 * @param accountId         the patient account the studies belong to (audit, access log)
 * @param route             who is looking, the start of the audit detail: {@code patient}, or {@code share <id>}
 *                          (docs/sharing.md: a detail starting so puts the line under that share in the access log)
 */
public record StudyScope(Set<String> studyInstanceUids, long accountId, String route) {

    public StudyScope {
        studyInstanceUids = Set.copyOf(studyInstanceUids);
        Objects.requireNonNull(route, "route");
    }

    public boolean allows(String studyInstanceUid) {
        return studyInstanceUid != null && studyInstanceUids.contains(studyInstanceUid);
    }
}
