// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssociationNegotiationTest {

    @TempDir
    Path dir;

    private DicomListener start(ListenerConfig.Builder builder) throws Exception {
        return DicomListener.start(builder.port(0).build(), new TestHandler(dir.resolve("store")));
    }

    private ListenerConfig.Builder config() {
        return ListenerConfig.builder("IMAGESHARE", dir.resolve("incoming"));
    }

    @Test
    void echoscuSucceedsOnEphemeralPort() throws Exception {
        try (DicomListener listener = start(config())) {
            assertThat(listener.port()).isPositive();
            assertThat(listener.isRunning()).isTrue();
            Dcmtk.Result r = Dcmtk.echo("ECHOSCU", "IMAGESHARE", listener.port());
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
    }

    @Test
    void callingAeNotOnAllowListIsRejected() throws Exception {
        try (DicomListener listener = start(config().allowedCallers(List.of(AllowedCaller.anyHost("PACS"))))) {
            Dcmtk.Result stranger = Dcmtk.echo("STRANGER", "IMAGESHARE", listener.port());
            assertThat(stranger.exitCode()).isNotZero();
            assertThat(stranger.output()).contains("Association Rejected").contains("Calling AE Title Not Recognized");

            Dcmtk.Result pacs = Dcmtk.echo("PACS", "IMAGESHARE", listener.port());
            assertThat(pacs.exitCode()).as(pacs.output()).isZero();
        }
    }

    @Test
    void allowListEntryWithHostMatchesOnlyThatHost() throws Exception {
        try (DicomListener listener = start(config().allowedCallers(List.of(AllowedCaller.onHost("PACS", "192.0.2.7"))))) {
            assertThat(Dcmtk.echo("PACS", "IMAGESHARE", listener.port()).output())
                    .contains("Calling AE Title Not Recognized");

            listener.setAllowedCallers(List.of(AllowedCaller.onHost("PACS", InetAddress.getLoopbackAddress().getHostAddress())));
            assertThat(Dcmtk.echo("PACS", "IMAGESHARE", listener.port()).exitCode()).isZero();
        }
    }

    @Test
    void wrongCalledAeIsRejected() throws Exception {
        try (DicomListener listener = start(config())) {
            Dcmtk.Result r = Dcmtk.echo("ECHOSCU", "SOMEONEELSE", listener.port());
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.output()).contains("Called AE Title Not Recognized");
        }
    }

    @Test
    void associationOverTheLimitIsRejectedTransientlyAndServedOnceFree() throws Exception {
        try (DicomListener listener = start(config().maxAssociations(1))) {
            try (RawScu holder = new RawScu(listener.port(), 5000)) {
                RawScu.Pdu ac = holder.associate("HOLDER", "IMAGESHARE", new RawScu.Context(1, RawScu.VERIFICATION, RawScu.IMPLICIT_LE));
                assertThat(ac.type()).isEqualTo(2);
                assertThat(listener.activeAssociations()).isEqualTo(1);

                Dcmtk.Result r = Dcmtk.echo("ECHOSCU", "IMAGESHARE", listener.port());
                assertThat(r.exitCode()).isNotZero();
                assertThat(r.output()).contains("Association Rejected").contains("Transient")
                        .contains("Local Limit Exceeded");

                assertThat(holder.echo(1)).isZero();
                holder.release();
            }
            assertThat(Dcmtk.echo("ECHOSCU", "IMAGESHARE", listener.port()).exitCode()).isZero();
        }
    }

    @Test
    void unsupportedAbstractSyntaxIsRefusedButAssociationAccepted() throws Exception {
        try (DicomListener listener = start(config());
             RawScu scu = new RawScu(listener.port(), 5000)) {
            RawScu.Pdu ac = scu.associate("SCU", "IMAGESHARE",
                    new RawScu.Context(1, "1.2.840.10008.5.1.4.1.2.2.1", RawScu.EXPLICIT_LE), // study root C-FIND
                    new RawScu.Context(3, "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.4.201"), // CT in HTJ2K
                    new RawScu.Context(5, "1.2.840.10008.5.1.4.1.1.2", "1.2.840.113619.5.2"), // private syntax
                    new RawScu.Context(7, RawScu.VERIFICATION, RawScu.IMPLICIT_LE));
            assertThat(ac.type()).isEqualTo(2);
            assertThat(scu.result(1)).isEqualTo(3);
            assertThat(scu.result(3)).isZero();
            assertThat(scu.result(5)).isEqualTo(4);
            assertThat(scu.result(7)).isZero();
            scu.release();
        }
    }

    @Test
    void closeStopsAcceptingAndAbortsAssociationsStillOpenAfterTheGrace() throws Exception {
        DicomListener listener = start(config().shutdownGrace(Duration.ofMillis(300)));
        int port = listener.port();
        try (RawScu idle = new RawScu(port, 5000)) {
            idle.associate("IDLE", "IMAGESHARE", new RawScu.Context(1, RawScu.VERIFICATION, RawScu.IMPLICIT_LE));
            long t0 = System.nanoTime();
            listener.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(listener.isRunning()).isFalse();
            RawScu.Pdu abort = idle.read();
            assertThat(abort.type()).isEqualTo(7);
        }
        assertThat(Dcmtk.echo("ECHOSCU", "IMAGESHARE", port).exitCode()).isNotZero();
    }

    @Test
    void closeDuringATransferDeletesThePartialFile() throws Exception {
        DicomListener listener = start(config().shutdownGrace(Duration.ofMillis(300)));
        Part10Files ct = Part10Files.read(Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm"));
        try (RawScu scu = new RawScu(listener.port(), 5000)) {
            scu.associate("RAW", "IMAGESHARE", new RawScu.Context(1, ct.sopClass(), ct.transferSyntax()));
            scu.sendStoreRequest(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 4000, 8000);
            for (int i = 0; i < 100 && isEmpty(dir.resolve("incoming")); i++) {
                Thread.sleep(10);
            }
            assertThat(dir.resolve("incoming")).isNotEmptyDirectory();
            listener.close();
            assertThat(scu.read().type()).isEqualTo(7);
        }
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    private static boolean isEmpty(Path d) throws java.io.IOException {
        try (var s = java.nio.file.Files.list(d)) {
            return s.findAny().isEmpty();
        }
    }
}
