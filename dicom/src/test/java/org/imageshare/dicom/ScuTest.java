// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SCU (C-ECHO, C-FIND, C-MOVE, C-CANCEL) against a real Query/Retrieve SCP: DCMTK {@code dcmqrscp},
 * loaded with {@code storescu}, moving studies to our own listener.
 */
class ScuTest {

    private static final String PACS = "TESTPACS";
    private static final String OURS = "IMAGESHARE";
    private static final String PATIENT = "SCU-PAT-1";
    private static final String STUDY_A = "2.25.1001001";
    private static final String STUDY_B = "2.25.1001002";
    private static final int A_SIZE = 6;

    @TempDir
    static Path dir;

    private static Process dcmqrscp;
    private static int pacsPort;
    private static DicomListener listener;
    private static TestHandler handler;
    private static RemoteAe pacs;
    /** Slows our listener down (per object) so that a cancel reaches the PACS before it has sent everything. */
    private static volatile long delayMillis;

    @BeforeAll
    static void startPacsAndListener() throws Exception {
        handler = new TestHandler(dir.resolve("store"));
        StoreHandler slowable = o -> {
            sleepQuietly(delayMillis);
            return handler.stored(o);
        };
        listener = DicomListener.start(ListenerConfig.builder(OURS, dir.resolve("incoming")).port(0).build(), slowable);
        pacsPort = freePort();
        Path db = Files.createDirectories(dir.resolve("qrdb"));
        Path cfg = dir.resolve("dcmqrscp.cfg");
        Files.writeString(cfg, String.join("\n",
                "NetworkTCPPort = " + pacsPort,
                "MaxPDUSize = 16384",
                "MaxAssociations = 16",
                "HostTable BEGIN",
                "imageshare = (" + OURS + ", 127.0.0.1, " + listener.port() + ")",
                "HostTable END",
                "VendorTable BEGIN",
                "VendorTable END",
                "AETable BEGIN",
                PACS + " " + db + " RW (200, 1024mb) ANY",
                "AETable END", ""));
        dcmqrscp = Dcmtk.start(List.of("dcmqrscp", "-c", cfg.toString(), String.valueOf(pacsPort)));
        pacs = new RemoteAe(PACS, "127.0.0.1", pacsPort);
        waitForEcho();

        List<Path> files = new ArrayList<>();
        files.addAll(study(STUDY_A, "20240110", "CT", A_SIZE));
        files.addAll(study(STUDY_B, "20250305", "MR", 2));
        List<String> cmd = new ArrayList<>(List.of("storescu", "-to", "10", "-aet", "LOADER", "-aec", PACS,
                "127.0.0.1", String.valueOf(pacsPort)));
        files.forEach(f -> cmd.add(f.toString()));
        Dcmtk.Result loaded = Dcmtk.run(cmd);
        assertThat(loaded.exitCode()).as(loaded.output()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        if (listener != null) {
            listener.close();
        }
        if (dcmqrscp != null) {
            dcmqrscp.destroy();
            dcmqrscp.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void echoSucceeds() throws Exception {
        DicomScu.echo(settings(), pacs);
    }

    @Test
    void findReturnsThePatientsStudiesWithTheirAttributes() throws Exception {
        DicomScu.FindResult all = DicomScu.findStudies(settings(), pacs, StudyQuery.ofPatient(PATIENT), 50);
        assertThat(all.truncated()).isFalse();
        assertThat(all.studies()).extracting(StudyMatch::studyInstanceUid).containsExactlyInAnyOrder(STUDY_A, STUDY_B);
        StudyMatch a = all.studies().stream().filter(s -> s.studyInstanceUid().equals(STUDY_A)).findFirst().orElseThrow();
        assertThat(a.studyDate()).isEqualTo("20240110");
        assertThat(a.description()).isEqualTo("Study " + STUDY_A);
        // dcmqrscp does not compute Number of Study Related Instances (Orthanc does: see the system test)
        assertThat(a.numberOfInstances().orElse(A_SIZE)).isEqualTo(A_SIZE);
        assertThat(a.patientId()).isEqualTo(PATIENT);

        DicomScu.FindResult in2025 = DicomScu.findStudies(settings(), pacs, StudyQuery.ofPatient(PATIENT)
                .between(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)), 50);
        assertThat(in2025.studies()).extracting(StudyMatch::studyInstanceUid).containsExactly(STUDY_B);

        assertThat(DicomScu.findStudies(settings(), pacs, StudyQuery.ofPatient("NOBODY-9"), 50).studies()).isEmpty();
    }

    @Test
    void findStopsAtTheLimitAndSaysSo() throws Exception {
        DicomScu.FindResult one = DicomScu.findStudies(settings(), pacs, StudyQuery.ofPatient(PATIENT), 1);
        assertThat(one.studies()).hasSize(1);
        assertThat(one.truncated()).isTrue();
        DicomScu.echo(settings(), pacs); // the PACS is fine afterwards
    }

    @Test
    void moveSendsTheStudyToOurListenerAndReportsProgress() throws Exception {
        int before = handler.received.size();
        List<MoveProgress> seen = new CopyOnWriteArrayList<>();
        MoveResult result = DicomScu.moveStudy(settings(), pacs, STUDY_A, OURS, p -> seen.add(p));
        assertThat(result.status()).isZero();
        assertThat(result.completed()).isEqualTo(A_SIZE);
        assertThat(result.failed()).isIn(0, -1);
        assertThat(seen).isNotEmpty().allMatch(MoveProgress::pending);
        assertThat(seen.get(seen.size() - 1).completed()).isBetween(A_SIZE - 1, A_SIZE);
        List<ReceivedObject> got = handler.received.subList(before, handler.received.size());
        assertThat(got).hasSize(A_SIZE).allMatch(o -> o.header().studyInstanceUid().equals(STUDY_A))
                .allMatch(o -> o.callingAeTitle().equals(PACS));
    }

    @Test
    void cancellingAMoveStopsItWithCancelStatus() throws Exception {
        delayMillis = 300;
        try {
            MoveResult result = DicomScu.moveStudy(settings(), pacs, STUDY_A, OURS, p -> p.completed() < 1);
            assertThat(result.status()).isEqualTo(MoveResult.CANCELLED);
            assertThat(result.completed()).isPositive().isLessThan(A_SIZE);
        } finally {
            delayMillis = 0;
        }
    }

    @Test
    void moveToAnUnknownDestinationFails() throws Exception {
        MoveResult result = DicomScu.moveStudy(settings(), pacs, STUDY_A, "NOSUCHAE", p -> true);
        assertThat(result.finished()).isFalse();
        assertThat(result.status()).isEqualTo(MoveResult.MOVE_DESTINATION_UNKNOWN);
    }

    @Test
    void aWrongCalledAeTitleIsRejected() {
        assertThatThrownBy(() -> DicomScu.echo(settings(), new RemoteAe("WRONGPACS", "localhost", pacsPort)))
                .isInstanceOf(ScuException.class)
                .satisfies(e -> assertThat(((ScuException) e).reason()).isEqualTo(ScuException.Reason.REJECTED))
                .hasMessageContaining("called AE title not recognized");
    }

    @Test
    void ourListenerRejectsAnUnlistedCallingAeAndTheScuReportsWhy() throws Exception {
        listener.setAllowedCallers(List.of(AllowedCaller.anyHost("SOMEONE")));
        try {
            RemoteAe us = new RemoteAe(OURS, "localhost", listener.port());
            assertThatThrownBy(() -> DicomScu.echo(settings(), us))
                    .isInstanceOf(ScuException.class)
                    .hasMessageContaining("calling AE title not recognized");
            DicomScu.echo(ScuSettings.of("SOMEONE"), us);
        } finally {
            listener.setAllowedCallers(List.of());
        }
    }

    @Test
    void aSilentPeerTimesOutAndNobodyAnswersIsConnectFailed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(5000);
                } catch (IOException | InterruptedException e) {
                    // done
                }
            });
            t.setDaemon(true);
            t.start();
            ScuSettings quick = settings().withConnectTimeout(Duration.ofMillis(800));
            long start = System.nanoTime();
            assertThatThrownBy(() -> DicomScu.echo(quick, new RemoteAe("SILENT", "localhost", silent.getLocalPort())))
                    .isInstanceOf(ScuException.class)
                    .satisfies(e -> assertThat(((ScuException) e).reason()).isEqualTo(ScuException.Reason.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
        int closed = freePort();
        assertThatThrownBy(() -> DicomScu.echo(settings(), new RemoteAe("NOBODY", "localhost", closed)))
                .isInstanceOf(ScuException.class)
                .satisfies(e -> assertThat(((ScuException) e).reason()).isEqualTo(ScuException.Reason.CONNECT_FAILED));
    }

    private static ScuSettings settings() {
        return ScuSettings.of(OURS).withResponseTimeout(Duration.ofSeconds(20));
    }

    /** {@code n} CT_small copies with one study UID, one series, fresh SOP instance UIDs. */
    private static List<Path> study(String studyUid, String date, String modality, int n) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = dir.resolve(studyUid + "-" + i + ".dcm");
            Files.copy(Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm"), f);
            files.add(f);
        }
        List<String> cmd = new ArrayList<>(List.of("dcmodify", "-nb", "-gin",
                "-m", "(0010,0020)=" + PATIENT, "-m", "(0020,000D)=" + studyUid,
                "-m", "(0020,000E)=" + studyUid + ".1", "-m", "(0008,0020)=" + date,
                "-m", "(0008,0060)=" + modality, "-i", "(0008,1030)=Study " + studyUid));
        files.forEach(f -> cmd.add(f.toString()));
        Dcmtk.Result r = Dcmtk.run(cmd);
        assertThat(r.exitCode()).as(r.output()).isZero();
        return files;
    }

    private static void waitForEcho() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                DicomScu.echo(settings(), pacs);
                return;
            } catch (ScuException e) {
                if (System.nanoTime() > deadline || !dcmqrscp.isAlive()) {
                    String out = dcmqrscp.isAlive() ? "" : new String(dcmqrscp.getInputStream().readAllBytes(),
                            StandardCharsets.UTF_8);
                    throw new AssertionError("dcmqrscp did not come up: " + e.getMessage() + " " + out, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
