// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * What happened on one accepted association.
 *
 * @param associationId  the listener-unique number also found in {@link ReceivedObject#associationId()}
 * @param callingAeTitle the peer's AE title
 * @param remote         the peer's address
 * @param stored         C-STORE requests answered with a success or warning status
 * @param failed         C-STORE requests answered with a failure status
 * @param released       true if the peer released the association normally; false if it was aborted,
 *                       timed out or broke off
 * @param duration       time from accept to end
 */
public record AssociationSummary(long associationId, String callingAeTitle, InetSocketAddress remote,
                                 int stored, int failed, boolean released, Duration duration) {

    public AssociationSummary {
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(duration, "duration");
    }
}
