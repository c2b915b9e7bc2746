// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link DicomListener}. Build with {@link #builder(String, Path)}.
 *
 * @param aeTitle          our AE title; an association calling another title is rejected
 * @param bindAddress      the local address to listen on (e.g. loopback or one interface)
 * @param port             the TCP port, 0 for an ephemeral one (see {@link DicomListener#port()})
 * @param maxAssociations  associations served at once; a further one is rejected with
 *                         A-ASSOCIATE-RJ (transient, local limit exceeded)
 * @param requestTimeout   how long a new connection may take to send its A-ASSOCIATE-RQ (ARTIM)
 * @param idleTimeout      socket read timeout on an established association
 * @param maxPduLength     the Maximum Length Received we announce and enforce on P-DATA-TF PDUs
 * @param tempDirectory    where received files are written under temporary names; put it on the
 *                         same file system as the archive so the handler can move files atomically
 * @param allowedCallers   if not empty, only these calling AE titles (and hosts) are accepted
 * @param shutdownGrace    how long {@link DicomListener#close()} waits for running associations
 *                         before it cuts them off
 */
public record ListenerConfig(String aeTitle, InetAddress bindAddress, int port, int maxAssociations,
                             Duration requestTimeout, Duration idleTimeout, int maxPduLength,
                             Path tempDirectory, List<AllowedCaller> allowedCallers,
                             Duration shutdownGrace) {

    public static final int MIN_PDU_LENGTH = 4096;
    public static final int MAX_PDU_LENGTH = 1 << 20;

    public ListenerConfig {
        aeTitle = AeTitles.requireValid(aeTitle, "aeTitle");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (maxAssociations < 1 || maxAssociations > 1000) {
            throw new IllegalArgumentException("maxAssociations must be 1..1000");
        }
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        if (maxPduLength < MIN_PDU_LENGTH || maxPduLength > MAX_PDU_LENGTH) {
            throw new IllegalArgumentException("maxPduLength must be " + MIN_PDU_LENGTH + ".." + MAX_PDU_LENGTH);
        }
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        allowedCallers = List.copyOf(allowedCallers);
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative");
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Defaults: loopback, port 104, 8 associations, 10 s request, 60 s idle, 64 KiB PDUs, no allow-list, 5 s grace. */
    public static Builder builder(String aeTitle, Path tempDirectory) {
        return new Builder(aeTitle, tempDirectory);
    }

    /** Builder with the defaults above. */
    public static final class Builder {
        private final String aeTitle;
        private final Path tempDirectory;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = 104;
        private int maxAssociations = 8;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int maxPduLength = 65536;
        private List<AllowedCaller> allowedCallers = List.of();
        private Duration shutdownGrace = Duration.ofSeconds(5);

        private Builder(String aeTitle, Path tempDirectory) {
            this.aeTitle = aeTitle;
            this.tempDirectory = tempDirectory;
        }

        public Builder bindAddress(InetAddress value) {
            this.bindAddress = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder maxAssociations(int value) {
            this.maxAssociations = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        public Builder maxPduLength(int value) {
            this.maxPduLength = value;
            return this;
        }

        public Builder allowedCallers(List<AllowedCaller> value) {
            this.allowedCallers = value;
            return this;
        }

        public Builder shutdownGrace(Duration value) {
            this.shutdownGrace = value;
            return this;
        }

        public ListenerConfig build() {
            return new ListenerConfig(aeTitle, bindAddress, port, maxAssociations, requestTimeout,
                    idleTimeout, maxPduLength, tempDirectory, allowedCallers, shutdownGrace);
        }
    }
}
