// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.imageshare.dicom.DicomScu;
import org.imageshare.dicom.RemoteAe;
import org.imageshare.dicom.ScuException;
import org.imageshare.dicom.ScuSettings;
import org.imageshare.enrolment.boundary.EnrolmentService;
import org.imageshare.enrolment.control.EnrolmentForm;
import org.imageshare.ingest.boundary.AllowList;
import org.imageshare.ingest.boundary.DicomIngest;
import org.imageshare.ingest.control.AllowedCallerView;
import org.imageshare.pacs.boundary.PacsSearch;
import org.imageshare.pacs.boundary.PacsSettings;
import org.imageshare.pacs.boundary.Retrievals;
import org.imageshare.pacs.control.EchoOutcome;
import org.imageshare.pacs.control.PacsSearchResult;
import org.imageshare.pacs.control.RetrieveItem;
import org.imageshare.pacs.control.RetrieveTaskView;
import org.imageshare.pacs.entity.RetrieveStatus;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.InvalidInput;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pull from the PACS and the calling-AE allow-list in Payara Micro on the real WAR (H2 and PostgreSQL),
 * with DCMTK {@code dcmqrscp} as the PACS: admins configure it and test the connection (C-ECHO), staff
 * search it (C-FIND) and retrieve a study (C-MOVE to our AE) as an asynchronous task whose progress and
 * outcome are recorded; the study arrives through ingest and is matched to the enrolled patient. The
 * allow-list, changed by an admin, takes effect on the running listener at once.
 */
@ExtendWith(ArquillianExtension.class)
class PacsIT {

    private static final String PACS_AE = "IT_PACS";
    private static final int STUDY_SIZE = 5;

    @Deployment
    static WebArchive deployment() {
        return Deployments.realWar()
                .addClasses(PacsIT.class, AsRegistrar.class, AsAdmin.class, IngestProbe.class, Dcmtk.class)
                .addAsWebInfResource(PacsIT.class.getResource("/glassfish-ejb-jar-foundation.xml"), "glassfish-ejb-jar.xml")
                .addAsWebInfResource(PacsIT.class.getResource("/glassfish-web.xml"), "glassfish-web.xml");
    }

    @Inject
    AsRegistrar registrar;

    @Inject
    AsAdmin admin;

    @Inject
    EnrolmentService enrolments;

    @Inject
    PacsSettings settings;

    @Inject
    PacsSearch search;

    @Inject
    Retrievals retrievals;

    @Inject
    AllowList allowList;

    @Inject
    DicomIngest ingest;

    @Inject
    ImageShareConfig config;

    @Inject
    IngestProbe probe;

    @Test
    void staffSearchThePacsAndRetrieveAStudyThatArrivesForTheEnrolledPatient() throws Exception {
        String patientId = "PACS-" + UUID.randomUUID().toString().substring(0, 12);
        registrar.call(() -> enrolments.enrol(new EnrolmentForm(patientId, null, "Nowak", "Zofia", "1970-05-06",
                null, null)));
        Path dir = Files.createTempDirectory("pacs-it-");
        Process pacs = startPacs(dir);
        try {
            int pacsPort = Integer.parseInt(Files.readString(dir.resolve("port")));
            String studyUid = "2.25." + new java.math.BigInteger(UUID.randomUUID().toString().replace("-", ""), 16);
            load(dir, pacsPort, patientId, studyUid);

            // admin: a wrong AE title fails the connection test with a reason, the right one passes
            EchoOutcome wrong = admin.call(() -> settings.testConnection("NOT_THE_PACS", "127.0.0.1", pacsPort));
            assertFalse(wrong.ok());
            assertTrue(wrong.message().contains("called AE title not recognized"), wrong.message());
            assertThrows(InvalidInput.class, () -> admin.call(() -> settings.save("", "127.0.0.1", pacsPort)));
            admin.call(() -> settings.save(PACS_AE, "127.0.0.1", pacsPort));
            EchoOutcome echo = admin.call(() -> settings.testConnection(null, null, null));
            assertTrue(echo.ok(), echo.message());

            // staff: search by patient ID and dates
            PacsSearchResult found = registrar.call(() -> search.find(patientId, LocalDate.of(2023, 1, 1),
                    LocalDate.of(2023, 12, 31), null));
            assertEquals(1, found.studies().size(), found.toString());
            assertEquals(studyUid, found.studies().get(0).studyInstanceUid());
            assertEquals("2023-03-04", found.studies().get(0).studyDate());
            assertEquals(null, found.studies().get(0).localInstances());
            assertEquals(0, registrar.call(() -> search.find(patientId, LocalDate.of(2024, 1, 1), null, null))
                    .studies().size());

            // retrieve: an asynchronous task, done with the counts; the study is indexed for the patient
            List<RetrieveTaskView> tasks = registrar.call(() -> retrievals.request(List.of(
                    new RetrieveItem(studyUid, patientId, "2023-03-04", "CT", "", STUDY_SIZE))));
            assertEquals(1, tasks.size());
            RetrieveTaskView done = awaitFinished(tasks.get(0).id());
            assertEquals(RetrieveStatus.DONE, done.status(), done.toString());
            assertEquals(STUDY_SIZE, done.completed());
            assertEquals(0, done.failed());
            assertEquals(100, done.percent());
            List<String> studies = probe.studiesOf(patientId);
            assertEquals(1, studies.size(), studies.toString());
            assertTrue(studies.get(0).startsWith(studyUid + "|" + patientId + "|"), studies.get(0));
            assertEquals(String.valueOf(STUDY_SIZE), studies.get(0).split("\\|")[4]);
            assertEquals(Integer.valueOf(STUDY_SIZE), registrar.call(() -> search.find(patientId, null, null, null))
                    .studies().get(0).localInstances());
            List<String> audit = probe.auditLinesMentioning("study " + studyUid + " from " + PACS_AE);
            assertTrue(audit.stream().anyMatch(l -> l.startsWith("STUDY_RETRIEVED|")
                    && l.contains("DONE, completed " + STUDY_SIZE + ", failed 0")), audit.toString());
            assertFalse(audit.toString().contains("Nowak"));

            // a study the PACS does not have: the task fails with the PACS's reason, and can be retried
            RetrieveTaskView missing = awaitFinished(registrar.call(() -> retrievals.request(List.of(
                    RetrieveItem.ofUid("2.25.42424242")))).get(0).id());
            assertEquals(RetrieveStatus.FAILED, missing.status(), missing.toString());
            assertEquals(0, missing.completed());
            assertTrue(missing.error() != null && !missing.error().isBlank(), missing.toString());
        } finally {
            pacs.destroy();
            pacs.waitFor(5, TimeUnit.SECONDS);
            admin.call(() -> settings.clear());
        }
    }

    @Test
    void theAllowListAdmitsOnlyListedCallersAssoonAsAnAdminChangesIt() throws Exception {
        RemoteAe us = new RemoteAe(config.dicomAeTitle(), "127.0.0.1", ingest.port().orElseThrow());
        DicomScu.echo(ScuSettings.of("ANYONE"), us);
        AllowedCallerView entry = admin.call(() -> allowList.add("ONLY_ME", null));
        try {
            ScuException rejected = assertThrows(ScuException.class, () -> DicomScu.echo(ScuSettings.of("ANYONE"), us));
            assertEquals(ScuException.Reason.REJECTED, rejected.reason());
            assertTrue(rejected.getMessage().contains("calling AE title not recognized"), rejected.getMessage());
            DicomScu.echo(ScuSettings.of("ONLY_ME"), us);
            AllowedCallerView elsewhere = admin.call(() -> allowList.add("ONLY_ME_THERE", "192.0.2.1"));
            assertThrows(ScuException.class, () -> DicomScu.echo(ScuSettings.of("ONLY_ME_THERE"), us));
            admin.run(() -> allowList.remove(elsewhere.id()));
            assertThrows(org.imageshare.platform.control.Conflict.class,
                    () -> admin.call(() -> allowList.add("ONLY_ME", "")));
        } finally {
            admin.run(() -> allowList.remove(entry.id()));
        }
        DicomScu.echo(ScuSettings.of("ANYONE"), us);
        List<String> audit = probe.auditLinesMentioning("calling AE ONLY_ME from any host");
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("CALLING_AE_ALLOWED|")), audit.toString());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("CALLING_AE_REMOVED|")), audit.toString());
    }

    private RetrieveTaskView awaitFinished(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            RetrieveTaskView t = registrar.call(() -> retrievals.get(id));
            if (t.finished()) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task did not finish: " + t);
            }
            Thread.sleep(200);
        }
    }

    /** dcmqrscp on a free port, knowing our AE as a move destination; the port is written to {@code dir/port}. */
    private Process startPacs(Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path db = Files.createDirectories(dir.resolve("db"));
        Path cfg = dir.resolve("dcmqrscp.cfg");
        Files.writeString(cfg, String.join("\n", "NetworkTCPPort = " + port, "MaxPDUSize = 16384",
                "MaxAssociations = 16", "HostTable BEGIN",
                "imageshare = (" + config.dicomAeTitle() + ", 127.0.0.1, " + ingest.port().orElseThrow() + ")",
                "HostTable END", "VendorTable BEGIN", "VendorTable END", "AETable BEGIN",
                PACS_AE + " " + db + " RW (200, 1024mb) ANY", "AETable END", ""));
        ProcessBuilder pb = new ProcessBuilder("dcmqrscp", "-c", cfg.toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("dcmqrscp.log").toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        Files.writeString(dir.resolve("port"), String.valueOf(port));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                DicomScu.echo(ScuSettings.of(config.dicomAeTitle()), new RemoteAe(PACS_AE, "127.0.0.1", port));
                return p;
            } catch (ScuException e) {
                if (System.nanoTime() > deadline) {
                    p.destroy();
                    throw new AssertionError("dcmqrscp did not start", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void load(Path dir, int port, String patientId, String studyUid) throws Exception {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < STUDY_SIZE; i++) {
            Path f = dir.resolve("ct" + i + ".dcm");
            Files.copy(Dcmtk.CT, f);
            files.add(f.toString());
        }
        List<String> modify = new ArrayList<>(List.of("dcmodify", "-nb", "-gin", "-m", "(0010,0020)=" + patientId,
                "-m", "(0020,000D)=" + studyUid, "-m", "(0020,000E)=" + studyUid + ".1", "-m", "(0008,0020)=20230304"));
        modify.addAll(files);
        Dcmtk.run(modify);
        List<String> store = new ArrayList<>(List.of("storescu", "-aet", "LOADER", "-aec", PACS_AE, "127.0.0.1",
                String.valueOf(port)));
        store.addAll(files);
        Dcmtk.run(store);
    }
}
