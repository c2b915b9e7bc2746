// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.control;

import java.time.Instant;
import org.imageshare.dicom.RemoteAe;

/**
 * The PACS in use and where its settings come from.
 *
 * @param source    {@code DATABASE} (saved by an admin) or {@code ENVIRONMENT} (IMAGESHARE_PACS_* defaults)
 * @param updatedAt when an admin saved it (null for the environment)
 * @param updatedBy who saved it (null for the environment)
 */
public record ConfiguredPacs(String aeTitle, String host, int port, String source, Instant updatedAt,
                             String updatedBy) {

    public static final String DATABASE = "DATABASE";
    public static final String ENVIRONMENT = "ENVIRONMENT";

    public RemoteAe remoteAe() {
        return new RemoteAe(aeTitle, host, port);
    }

    public String label() {
        return aeTitle + "@" + host + ":" + port;
    }
}
