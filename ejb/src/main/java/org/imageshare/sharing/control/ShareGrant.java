// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.imageshare.study.control.StudySummary;

/**
 * What an opened share link allows right now: exactly these studies of this account, until
 * {@code expiresAt}. Handed to the landing page, the viewer and the download; re-checked on every request.
 *
 * @param studyInstanceUids the scope: the only studies the holder may see or download
 * @param studies the same studies as the physician's page shows them (date, modalities, description, counts)
 * @param accessCode whether the link asks for an access code (then every request needs the grant cookie)
 */
public record ShareGrant(long shareId, long accountId, Set<String> studyInstanceUids, Instant expiresAt,
                         List<StudySummary> studies, boolean accessCode) {

    public ShareGrant {
        studyInstanceUids = Set.copyOf(studyInstanceUids);
        studies = List.copyOf(studies);
    }

    public boolean covers(String studyInstanceUid) {
        return studyInstanceUids.contains(studyInstanceUid);
    }
}
