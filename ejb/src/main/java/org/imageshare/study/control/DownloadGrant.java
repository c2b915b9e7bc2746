// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import java.util.Objects;
import java.util.Set;

/**
 * Which studies one request may download, and for whom the download is recorded — the small abstraction
 * between "who asks" and "what may be taken". The patient route grants the patient's own released studies;
 * a share link grants the studies of its share.
 *
 * @param studyInstanceUids the studies this request may take
 * @param accountId         the patient account whose access log shows the download
 * @param via               how it was granted, the start of the audit detail (e.g. {@code patient}, {@code share 42}:
 *                          a detail starting {@code share <id>} shows under that share in the access log);
 *                          no PHI, no secret
 */
public record DownloadGrant(Set<String> studyInstanceUids, Long accountId, String via) {

    public DownloadGrant {
        studyInstanceUids = Set.copyOf(studyInstanceUids);
        Objects.requireNonNull(via, "via");
    }

    public boolean allows(String studyInstanceUid) {
        return studyInstanceUids.contains(studyInstanceUid);
    }
}
