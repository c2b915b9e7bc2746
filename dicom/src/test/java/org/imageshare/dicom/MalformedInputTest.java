// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage, truncated and lying PDUs on the port: each connection is cut off, the listener keeps serving. */
class MalformedInputTest {

    @TempDir
    Path dir;

    private DicomListener listener;
    private TestHandler handler;

    @BeforeEach
    void start() throws Exception {
        handler = new TestHandler(dir.resolve("store"));
        listener = DicomListener.start(ListenerConfig.builder("IMAGESHARE", dir.resolve("incoming")).port(0)
                .maxAssociations(2).requestTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(1))
                .maxPduLength(16384).build(), handler);
    }

    @AfterEach
    void stop() throws Exception {
        // whatever was sent before, the listener still answers and cleaned up after itself
        assertThat(Dcmtk.echo("ECHOSCU", "IMAGESHARE", listener.port()).exitCode()).isZero();
        Path mr = Dcmtk.PYDICOM_FILES.resolve("MR_small.dcm");
        Dcmtk.Result store = Dcmtk.run(Dcmtk.storescu(StorescuConfig.write(dir.resolve("mr.cfg"),
                List.of(Part10Files.read(mr))), StorescuConfig.PROFILE, "IMAGESHARE", listener.port(), List.of(mr)));
        assertThat(store.output()).contains("Received Store Response (Success)");
        for (int i = 0; i < 100 && listener.activeAssociations() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(listener.activeAssociations()).isZero();
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
        listener.close();
    }

    private static byte[] validRequest() {
        return RawScu.associateRequest("RAW", "IMAGESHARE", new RawScu.Context(1, RawScu.VERIFICATION, RawScu.IMPLICIT_LE),
                new RawScu.Context(3, "1.2.840.10008.5.1.4.1.1.4", RawScu.EXPLICIT_LE));
    }

    @Test
    void garbageIsAbortedAndClosed() throws Exception {
        try (RawScu raw = new RawScu(listener.port(), 3000)) {
            raw.out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.read().type()).isEqualTo(7); // A-ABORT
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void truncatedRequestIsDroppedWhenThePeerHangsUp() throws Exception {
        try (RawScu raw = new RawScu(listener.port(), 3000)) {
            raw.out.write(Arrays.copyOf(validRequest(), 40));
            raw.socket.shutdownOutput();
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void truncatedRequestThatStallsIsCutOffAfterTheRequestTimeout() throws Exception {
        try (RawScu raw = new RawScu(listener.port(), 4000)) {
            raw.out.write(Arrays.copyOf(validRequest(), 40));
            long t0 = System.nanoTime();
            assertThat(raw.closedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(800), Duration.ofSeconds(3));
        }
    }

    @Test
    void requestClaimingAHugeLengthIsAbortedAtOnce() throws Exception {
        try (RawScu raw = new RawScu(listener.port(), 3000)) {
            byte[] lying = validRequest();
            lying[2] = 0x7F;
            lying[3] = (byte) 0xFF;
            raw.out.write(lying);
            assertThat(raw.read().type()).isEqualTo(7);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void itemLengthsThatOverrunTheRequestAreAborted() throws Exception {
        try (RawScu raw = new RawScu(listener.port(), 3000)) {
            byte[] lying = validRequest();
            lying[6 + 68 + 2] = (byte) 0xF0; // application context item claims ~61 KB
            raw.out.write(lying);
            assertThat(raw.read().type()).isEqualTo(7);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void pdvLengthBeyondItsPduIsAborted() throws Exception {
        try (RawScu raw = new RawScu(listener.port(), 3000)) {
            assertThat(raw.associate("RAW", "IMAGESHARE", new RawScu.Context(1, RawScu.VERIFICATION, RawScu.IMPLICIT_LE)).type())
                    .isEqualTo(2);
            byte[] pdu = RawScu.pData(1, true, true, new byte[20], 0, 20);
            pdu[8] = 0x10; // PDV item length 0x10xx > PDU length
            raw.out.write(pdu);
            assertThat(raw.read().type()).isEqualTo(7);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void pduLargerThanTheAnnouncedMaximumIsAborted() throws Exception {
        try (RawScu raw = new RawScu(listener.port(), 3000)) {
            raw.associate("RAW", "IMAGESHARE", new RawScu.Context(1, RawScu.VERIFICATION, RawScu.IMPLICIT_LE));
            raw.out.write(new byte[] {4, 0, 0, 0x10, 0, 0}); // 1 MiB P-DATA-TF, max is 16 KiB
            assertThat(raw.read().type()).isEqualTo(7);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void dataSetCutOffMidwayLeavesNoFileAndReachesNoHandler() throws Exception {
        Part10Files ct = Part10Files.read(Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm"));
        try (RawScu raw = new RawScu(listener.port(), 4000)) {
            raw.associate("RAW", "IMAGESHARE", new RawScu.Context(1, ct.sopClass(), ct.transferSyntax()));
            raw.sendStoreRequest(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 4000, 8000);
            // the sender stalls: the idle timeout aborts the association
            assertThat(raw.read().type()).isEqualTo(7);
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(handler.received).isEmpty();
    }

    @Test
    void unexpectedPduTypeInDataTransferIsAborted() throws Exception {
        try (RawScu raw = new RawScu(listener.port(), 3000)) {
            raw.associate("RAW", "IMAGESHARE", new RawScu.Context(1, RawScu.VERIFICATION, RawScu.IMPLICIT_LE));
            raw.out.write(validRequest()); // a second A-ASSOCIATE-RQ
            assertThat(raw.read().type()).isEqualTo(7);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }
}
