// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.imageshare.enrolment.boundary.EnrolmentService;
import org.imageshare.enrolment.control.Enrolment;
import org.imageshare.enrolment.control.EnrolmentForm;
import org.imageshare.ingest.boundary.DicomIngest;
import org.imageshare.login.boundary.PatientSignIn;
import org.imageshare.login.control.SignInOutcome;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.study.boundary.ReleaseAudit;
import org.imageshare.study.boundary.StudyReleases;
import org.imageshare.study.boundary.UnmatchedStudies;
import org.imageshare.study.control.ReleaseState;
import org.imageshare.study.control.StaffStudyView;
import org.imageshare.study.control.StudySummary;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DICOM ingest end to end in Payara Micro on the real WAR (H2 and PostgreSQL): DCMTK {@code storescu}
 * sends a pydicom CT to the running listener; the file lies in the store, the index rows are there,
 * the study is matched (or not) to the enrolled patient, and the patient's list shows it once released.
 * The test configuration sets the release delay to PT0S; the hold is exercised by moving releaseAt.
 * Also the staff side: the unmatched worklist (link, discard; boundary and REST as the bootstrap admin) and
 * the release hold (hold, release now, the release audit).
 */
@ExtendWith(ArquillianExtension.class)
class IngestIT {

    private static final String BIRTH_DATE = "1968-11-02";
    private static final String CALLING_AE = "INGEST_IT";
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:it-admin-password".getBytes(StandardCharsets.UTF_8));

    @Deployment
    static WebArchive deployment() {
        return Deployments.realWar()
                .addClasses(IngestIT.class, AsRegistrar.class, Probe.class, IngestProbe.class, Dcmtk.class,
                        Dcmtk.Sender.class)
                .addAsWebInfResource(IngestIT.class.getResource("/glassfish-ejb-jar.xml"), "glassfish-ejb-jar.xml")
                .addAsWebInfResource(IngestIT.class.getResource("/glassfish-web-ingest.xml"), "glassfish-web.xml");
    }

    @ArquillianResource
    URL base;

    @Inject
    AsRegistrar registrar;

    @Inject
    EnrolmentService enrolments;

    @Inject
    PatientSignIn signIn;

    @Inject
    DicomIngest ingest;

    @Inject
    ImageShareConfig config;

    @Inject
    Probe probe;

    @Inject
    UnmatchedStudies worklist;

    @Inject
    StudyReleases releases;

    @Inject
    ReleaseAudit releaseAudit;

    @Inject
    IngestProbe ingestProbe;

    @Test
    void aStudyOfAnEnrolledPatientIsStoredIndexedMatchedAndListedForThePatient() throws Exception {
        String patientId = uniqueId();
        Enrolment enrolment = enrol(patientId, "HOSP");
        Path file = ctFor(patientId, "HOSP");

        send(file);
        send(file);

        List<String> studies = ingestProbe.studiesOf(patientId);
        assertEquals(1, studies.size(), studies.toString());
        String[] study = studies.get(0).split("\\|");
        assertEquals(List.of(patientId, "HOSP", "1", "1", "CT", "2004-01-19"), List.of(study).subList(1, 7),
                "matched, counts after a resend of the same SOP instance");
        List<String> instances = ingestProbe.instancesOf(study[0]);
        assertEquals(1, instances.size(), instances.toString());
        String[] instance = instances.get(0).split("\\|");
        Path stored = ingest.storeRoot().resolve(instance[1]);
        assertTrue(Files.isRegularFile(stored), "stored file " + stored);
        assertEquals(Files.size(stored), Long.parseLong(instance[2]));
        assertTrue(stored.startsWith(config.dataDir()), stored.toString());

        String token = assertInstanceOf(SignInOutcome.SignedIn.class,
                signIn.signIn(enrolment.accountNumber(), enrolment.pin(), BIRTH_DATE, address())).token();
        HttpResponse<String> list = get("api/v1/patient/studies", token);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("\"studyInstanceUid\":\"" + study[0] + "\""), list.body());
        assertTrue(list.body().contains("\"studyDate\":\"2004-01-19\""), list.body());
        assertTrue(list.body().contains("\"modalities\":[\"CT\"]"), list.body());
        assertTrue(list.body().contains("\"numberOfInstances\":1"), list.body());
        assertEquals(401, get("api/v1/patient/studies", null).statusCode());

        List<String> audit = probe.auditLinesOf(enrolment.accountId());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("STUDY_MATCHED|dicom:" + CALLING_AE + "|")), audit.toString());
        assertTrue(audit.stream().noneMatch(l -> l.contains(patientId)), "no patient ID in the audit detail");
    }

    @Test
    void aSeriesSentOverFourAssociationsIsCountedExactlyAndAnotherPatientsImageNeverJoinsIt() throws Exception {
        String patientId = uniqueId();
        Path first = ctFor(patientId, "HOSP");
        List<Path> rest = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            rest.add(sameSeries(first, null)); // new SOP instances of the same series: the JDBC path
        }
        send(first); // the first creates the study and its series (the EJB path)
        List<Process> senders = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            List<String> command = new ArrayList<>(dicom().storescu());
            for (int i = a; i < rest.size(); i += 4) {
                command.add(rest.get(i).toString());
            }
            senders.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        for (Process sender : senders) {
            String output = new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(sender.waitFor(60, TimeUnit.SECONDS), "storescu timed out");
            assertEquals(0, sender.exitValue(), output);
            assertFalse(output.contains("E: "), output);
        }
        send(rest.get(5)); // a resend: idempotent
        String otherPatient = uniqueId();
        Path intruder = sameSeries(first, otherPatient);
        String refused = dicom().sendExpectingFailure(intruder);

        List<String> studies = ingestProbe.studiesOf(patientId);
        assertEquals(1, studies.size(), studies.toString());
        String[] study = studies.get(0).split("\\|");
        assertEquals(List.of("1", "12"), List.of(study).subList(3, 5), "series and instances of the study");
        List<String> instances = ingestProbe.instancesOf(study[0]);
        assertEquals(12, instances.size(), instances.toString());
        for (String line : instances) {
            Path stored = ingest.storeRoot().resolve(line.split("\\|")[1]);
            assertEquals(Files.size(stored), Long.parseLong(line.split("\\|")[2]), stored.toString());
        }
        assertTrue(ingestProbe.studiesOf(otherPatient).isEmpty(), "the other patient's image is not indexed");
        assertTrue(refused.contains("Store Response (Unknown Status: 0x110)"), "processing failure answered: " + refused);
    }

    @Test
    void aStudyOfAnUnknownPatientStaysUnmatchedUntilThatPatientIsEnrolled() throws Exception {
        String patientId = uniqueId();
        send(ctFor(patientId, null));

        String[] study = ingestProbe.studiesOf(patientId).get(0).split("\\|");
        assertEquals("-", study[1], "unmatched");
        assertEquals(config.defaultIssuer(), study[2], "the default issuer stands in for a missing one");
        assertTrue(ingestProbe.auditLinesMentioning(study[0]).stream().anyMatch(l -> l.startsWith("STUDY_UNMATCHED|")));

        Enrolment enrolment = enrol(patientId, null);

        assertEquals(patientId, ingestProbe.studiesOf(patientId).get(0).split("\\|")[1], "claimed at enrolment");
        List<StudySummary> mine = ingestProbe.releasedOf(enrolment.accountId());
        assertEquals(List.of(study[0]), mine.stream().map(StudySummary::studyInstanceUid).toList());
    }

    @Test
    void aStudyIsHiddenFromItsPatientWhileOnHold() throws Exception {
        String patientId = uniqueId();
        Enrolment enrolment = enrol(patientId, "HOSP");
        send(ctFor(patientId, "HOSP"));
        String studyUid = ingestProbe.studiesOf(patientId).get(0).split("\\|")[0];

        ingestProbe.releaseAt(studyUid, Instant.now().plus(Duration.ofHours(1)));
        assertEquals(List.of(), ingestProbe.releasedOf(enrolment.accountId()));

        ingestProbe.releaseAt(studyUid, Instant.now().minusSeconds(1));
        assertEquals(1, ingestProbe.releasedOf(enrolment.accountId()).size());
    }

    @Test
    void theAssociationIsAuditedAndHealthReportsTheListener() throws Exception {
        String patientId = uniqueId();
        send(ctFor(patientId, "HOSP"));

        List<String> received = List.of();
        for (int i = 0; i < 50 && received.isEmpty(); i++) {
            Thread.sleep(100);
            received = ingestProbe.auditLinesMentioning("from " + CALLING_AE + " at ").stream()
                    .filter(l -> l.startsWith("DICOM_RECEIVED|")).toList();
        }
        assertTrue(!received.isEmpty() && received.get(0).contains("stored 1, failed 0"), received.toString());

        HttpResponse<String> health = get("health", null);
        assertTrue(health.body().replace(" ", "").contains("{\"name\":\"dicom\",\"status\":\"UP\""), health.body());
    }

    @Test
    void staffLinkAnUnmatchedStudyOnlyAfterConfirmingDifferingIdentifiers() throws Exception {
        String dicomId = uniqueId();
        send(ctFor(dicomId, "HOSP"));
        String studyUid = studyOf(dicomId);
        assertTrue(registrar.call(worklist::list).stream().anyMatch(s -> s.studyInstanceUid().equals(studyUid)
                && s.dicomPatientId().equals(dicomId) && CALLING_AE.equals(s.callingAeTitle())));
        Enrolment other = enrol(uniqueId(), "HOSP");

        assertTrue(registrar.call(() -> worklist.preview(studyUid, other.accountNumber())).identifierDiffers());
        assertThrows(Conflict.class, () -> registrar.call(() -> worklist.link(studyUid, other.accountNumber(), false)));
        assertEquals("-", ingestProbe.studiesOf(dicomId).get(0).split("\\|")[1], "still unmatched");

        registrar.call(() -> worklist.link(studyUid, other.accountNumber(), true));

        assertFalse(ingestProbe.studiesOf(dicomId).get(0).split("\\|")[1].equals("-"), "linked");
        assertEquals(List.of(studyUid), ingestProbe.releasedOf(other.accountId()).stream()
                .map(s -> s.studyInstanceUid()).toList());
        assertTrue(ingestProbe.auditLinesMentioning("study " + studyUid + " ").stream()
                .anyMatch(l -> l.startsWith("STUDY_LINKED|") && !l.startsWith("STUDY_LINKED|system|")
                        && l.contains("confirmed")));
        assertThrows(Conflict.class, () -> registrar.run(() -> worklist.discard(studyUid)), "a matched study stays");
    }

    @Test
    void theRestApiListsLinksAndDiscardsUnmatchedStudies() throws Exception {
        String dicomId = uniqueId();
        send(ctFor(dicomId, "HOSP"));
        String studyUid = studyOf(dicomId);
        Path file = ingest.storeRoot().resolve(ingestProbe.instancesOf(studyUid).get(0).split("\\|")[1]);
        assertTrue(Files.isRegularFile(file));

        assertEquals(401, call("GET", "api/v1/studies/unmatched", null, null).statusCode());
        HttpResponse<String> list = call("GET", "api/v1/studies/unmatched", ADMIN, null);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("\"studyInstanceUid\":\"" + studyUid + "\""), list.body());
        Enrolment patient = enrol(uniqueId(), "HOSP");
        HttpResponse<String> unconfirmed = call("POST", "api/v1/studies/" + studyUid + "/link", ADMIN,
                "{\"accountNumber\":\"" + patient.accountNumber() + "\"}");
        assertEquals(409, unconfirmed.statusCode(), unconfirmed.body());

        HttpResponse<String> discarded = call("DELETE", "api/v1/studies/" + studyUid, ADMIN, null);

        assertEquals(204, discarded.statusCode(), discarded.body());
        assertEquals(List.of(), ingestProbe.studiesOf(dicomId), "rows gone");
        assertFalse(Files.exists(file), "file gone");
        assertTrue(ingestProbe.auditLinesMentioning("study " + studyUid + " ").stream()
                .anyMatch(l -> l.startsWith("STUDY_DISCARDED|admin|")));
        assertEquals(404, call("DELETE", "api/v1/studies/" + studyUid, ADMIN, null).statusCode());
    }

    @Test
    void aHeldStudyIsHiddenUntilStaffReleaseItAndEachReleaseIsAuditedOnce() throws Exception {
        String patientId = uniqueId();
        Enrolment patient = enrol(patientId, "HOSP");
        send(ctFor(patientId, "HOSP"));
        String studyUid = studyOf(patientId);

        StaffStudyView held = registrar.call(() -> releases.hold(studyUid));
        int releasesBefore = released(studyUid).size();

        assertEquals(ReleaseState.HELD, held.state());
        assertEquals(List.of(), ingestProbe.releasedOf(patient.accountId()));
        releaseAudit.auditDue();
        assertEquals(releasesBefore, released(studyUid).size(), "a held study is not released");
        HttpResponse<String> staffList = call("GET", "api/v1/studies", ADMIN, null);
        assertTrue(staffList.body().contains("\"studyInstanceUid\":\"" + studyUid + "\"")
                && staffList.body().contains("\"HELD\""), staffList.body());

        StaffStudyView released = registrar.call(() -> releases.releaseNow(studyUid));
        releaseAudit.auditDue();

        assertEquals(ReleaseState.RELEASED, released.state());
        assertEquals(1, ingestProbe.releasedOf(patient.accountId()).size());
        List<String> lines = released(studyUid);
        assertEquals(releasesBefore + 1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("released now by staff") && !lines.get(0).startsWith("STUDY_RELEASED|system|"),
                lines.toString());
    }

    @Test
    void theTimerAuditsAReleaseWhoseTimeHasPassed() throws Exception {
        String patientId = uniqueId();
        enrol(patientId, "HOSP");
        send(ctFor(patientId, "HOSP"));
        String studyUid = studyOf(patientId);
        ingestProbe.releaseAt(studyUid, Instant.now().minusSeconds(1));

        releaseAudit.auditDue();
        releaseAudit.auditDue();

        List<String> lines = released(studyUid);
        assertEquals(1, lines.size(), "audited once, by this call or by the minute timer: " + lines);
        assertTrue(lines.get(0).startsWith("STUDY_RELEASED|system|"), lines.toString());
    }

    private List<String> released(String studyUid) {
        return ingestProbe.auditLinesMentioning("study " + studyUid + " ").stream().filter(l -> l.startsWith("STUDY_RELEASED|")).toList();
    }

    private String studyOf(String dicomPatientId) {
        return ingestProbe.studiesOf(dicomPatientId).get(0).split("\\|")[0];
    }

    private Enrolment enrol(String patientId, String issuer) {
        return registrar.call(() -> enrolments.enrol(
                new EnrolmentForm(patientId, issuer, "Nowak", "Zofia", BIRTH_DATE, null, null)));
    }

    private static Path ctFor(String patientId, String issuer) throws IOException, InterruptedException {
        return Dcmtk.ct(patientId, issuer);
    }

    /** A copy of {@code of} with a new SOP Instance UID (same study and series), with another patient ID if given. */
    private static Path sameSeries(Path of, String otherPatientId) throws IOException, InterruptedException {
        return otherPatientId == null ? Dcmtk.nextInstance(of) : Dcmtk.nextInstance(of, "-i", "(0010,0020)=" + otherPatientId);
    }

    private void send(Path file) throws IOException, InterruptedException {
        dicom().send(file);
    }

    private Dcmtk.Sender dicom() {
        return Dcmtk.sender(ingest, config, CALLING_AE);
    }

    private HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath()).resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String authorization, String json)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath()).resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String uniqueId() {
        return "IT-" + UUID.randomUUID().toString().substring(0, 18);
    }

    private static String address() {
        return "10.8." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }
}
