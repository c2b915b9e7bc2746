// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.time.Duration;
import java.util.Objects;

/**
 * How we call a peer as an SCU.
 *
 * @param callingAeTitle  our AE title (the peer must know it; for C-MOVE it is usually also the destination)
 * @param connectTimeout  TCP connect and A-ASSOCIATE-AC wait
 * @param responseTimeout longest silence allowed while waiting for the next DIMSE response (each C-MOVE
 *                        pending response restarts it); then the association is aborted
 * @param maxPduLength    the Maximum Length Received we announce
 */
public record ScuSettings(String callingAeTitle, Duration connectTimeout, Duration responseTimeout,
                          int maxPduLength) {

    public ScuSettings {
        callingAeTitle = AeTitles.requireValid(callingAeTitle, "callingAeTitle");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(responseTimeout, "responseTimeout");
        if (maxPduLength < ListenerConfig.MIN_PDU_LENGTH || maxPduLength > ListenerConfig.MAX_PDU_LENGTH) {
            throw new IllegalArgumentException("maxPduLength out of range");
        }
    }

    /** 10 s to connect, 60 s per response, 64 KiB PDUs. */
    public static ScuSettings of(String callingAeTitle) {
        return new ScuSettings(callingAeTitle, Duration.ofSeconds(10), Duration.ofSeconds(60), 65536);
    }

    public ScuSettings withResponseTimeout(Duration value) {
        return new ScuSettings(callingAeTitle, connectTimeout, value, maxPduLength);
    }

    public ScuSettings withConnectTimeout(Duration value) {
        return new ScuSettings(callingAeTitle, value, responseTimeout, maxPduLength);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
