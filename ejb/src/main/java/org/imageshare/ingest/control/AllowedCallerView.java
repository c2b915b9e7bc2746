// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.time.Instant;
import org.imageshare.ingest.entity.AllowedCallingAe;

/** One allow-list entry for the admin page and the REST API; {@code host} null = any host. */
public record AllowedCallerView(long id, String aeTitle, String host, Instant createdAt, String createdBy) {

    public static AllowedCallerView of(AllowedCallingAe e) {
        return new AllowedCallerView(e.getId(), e.getAeTitle(), e.getHost().orElse(null), e.getCreatedAt(),
                e.getCreatedBy());
    }
}
