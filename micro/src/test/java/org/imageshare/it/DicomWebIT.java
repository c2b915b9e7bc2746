// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.imageshare.enrolment.boundary.EnrolmentService;
import org.imageshare.enrolment.control.Enrolment;
import org.imageshare.enrolment.control.EnrolmentForm;
import org.imageshare.login.boundary.PatientSignIn;
import org.imageshare.login.control.SignInOutcome;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DICOMweb, the study ZIP and the CD import on the real WAR against the database (H2 and PostgreSQL): the
 * QIDO matching keys as queries, STOW-RS through the ingest path (matched to the enrolled patient), the
 * patient's download audited as STUDY_DOWNLOADED on the patient's account, the CD import REST call.
 * The system test {@code DicomWebIT} covers the HTTP details (WADO byte identity, DCMTK on the ZIP, refusals).
 */
@ExtendWith(ArquillianExtension.class)
class DicomWebIT {

    private static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final String BIRTH_DATE = "1959-06-07";
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:it-admin-password".getBytes(StandardCharsets.UTF_8));

    @Deployment
    static WebArchive deployment() {
        return Deployments.realWar()
                .addClasses(DicomWebIT.class, AsRegistrar.class, Probe.class)
                .addAsWebInfResource(DicomWebIT.class.getResource("/glassfish-ejb-jar.xml"), "glassfish-ejb-jar.xml")
                .addAsWebInfResource(DicomWebIT.class.getResource("/glassfish-web-ingest.xml"), "glassfish-web.xml");
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
    Probe probe;

    @Test
    void stowedStudiesAreMatchedAndFoundByEveryQidoKeyAndThePatientDownloadIsAudited() throws Exception {
        String patientId = uniqueId();
        Enrolment enrolment = registrar.call(() -> enrolments.enrol(
                new EnrolmentForm(patientId, "HOSP", "Ærø", "Åse", BIRTH_DATE, null, null)));
        String studyUid = newUid();
        List<Path> files = List.of(copy("CT_small.dcm", patientId, studyUid), copy("MR_small.dcm", patientId, studyUid));

        HttpResponse<String> stow = stow(files);
        assertEquals(200, stow.statusCode(), stow.body());
        String q = "dicomweb/studies?PatientID=" + patientId;
        assertOneStudy(q, studyUid);
        assertOneStudy(q + "&StudyInstanceUID=1.2.3," + studyUid, studyUid);
        assertOneStudy(q + "&ModalitiesInStudy=MR", studyUid);
        assertOneStudy(q + "&ModalitiesInStudy=CT", studyUid);
        assertNoStudy(q + "&ModalitiesInStudy=M");
        assertOneStudy(q + "&StudyDate=20040101-20041231", studyUid);
        assertNoStudy(q + "&StudyDate=20050101-");
        assertOneStudy("dicomweb/studies?PatientID=" + enc(patientId.substring(0, 10) + "*") + "&StudyInstanceUID="
                + studyUid, studyUid);
        assertOneStudy("dicomweb/studies?PatientName=" + enc("compressedsamples*") + "&StudyInstanceUID=" + studyUid,
                studyUid);
        assertNoStudy("dicomweb/studies?PatientName=" + enc("nobody_%*") + "&StudyInstanceUID=" + studyUid);
        HttpResponse<String> series = call("GET", "dicomweb/studies/" + studyUid + "/series", ADMIN);
        assertEquals(200, series.statusCode(), series.body());
        assertTrue(series.body().contains("\"00080060\":{\"vr\":\"CS\",\"Value\":[\"MR\"]}"), series.body());

        String token = ((SignInOutcome.SignedIn) signIn.signIn(enrolment.accountNumber(), enrolment.pin(), BIRTH_DATE,
                "10.9.8.7")).token();
        HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(request("GET",
                        "api/v1/patient/studies/" + studyUid + "/download", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        assertEquals(zip.body().length, zip.headers().firstValueAsLong("Content-Length").orElse(-1));
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertEquals(List.of("DICOMDIR", "README.TXT", "DICOM/ST000001/SE000001/IM000001",
                "DICOM/ST000001/SE000002/IM000001"), names);
        List<String> audit = probe.auditLinesOf(enrolment.accountId());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("STUDY_DOWNLOADED|patient:")
                && l.contains("patient: study " + studyUid + ", 2 objects")), audit.toString());
        assertTrue(audit.stream().noneMatch(l -> l.contains(patientId)), "no patient ID in the audit detail");
    }

    @Test
    void aCdZipIsImportedThroughTheIngestPath() throws Exception {
        String patientId = uniqueId();
        String studyUid = newUid();
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("DICOM/IM1"));
            out.write(Files.readAllBytes(copy("CT_small.dcm", patientId, studyUid)));
            out.putNextEntry(new ZipEntry("README.TXT"));
            out.write("not dicom".getBytes(StandardCharsets.US_ASCII));
        }
        HttpResponse<String> imported = HttpClient.newHttpClient().send(request("POST", "api/v1/imports?name=cd.zip", ADMIN)
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(zip.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, imported.statusCode(), imported.body());
        assertTrue(imported.body().contains("\"stored\":1") && imported.body().contains("\"skipped\":1"), imported.body());
        assertOneStudy("dicomweb/studies?StudyInstanceUID=" + studyUid, studyUid);
    }

    @Test
    void qidoTakesIncludefieldAndStaffDicomWebRefusesAPatientOrNobody() throws Exception {
        String patientId = uniqueId();
        Enrolment enrolment = registrar.call(() -> enrolments.enrol(
                new EnrolmentForm(patientId, "HOSP", "Includefield", "Iris", BIRTH_DATE, null, null)));
        String studyUid = newUid();
        assertEquals(200, stow(List.of(copy("CT_small.dcm", patientId, studyUid))).statusCode());
        String q = "dicomweb/studies?StudyInstanceUID=" + studyUid;
        HttpResponse<String> plain = call("GET", q, ADMIN);
        for (String fields : List.of("all", "StudyDescription,0020000D", "PatientID&includefield=NumberOfStudyRelatedInstances")) {
            HttpResponse<String> asked = call("GET", q + "&includefield=" + fields, ADMIN);
            assertEquals(200, asked.statusCode(), fields + ": " + asked.body());
            assertEquals(plain.body(), asked.body(), "every indexed attribute is returned anyway: " + fields);
            assertTrue(asked.headers().firstValue("Warning").isEmpty(), fields);
        }
        HttpResponse<String> unsupported = call("GET", q + "&includefield=ReferringPhysicianName,00081090", ADMIN);
        assertEquals(200, unsupported.statusCode(), unsupported.body());
        assertEquals(plain.body(), unsupported.body());
        assertTrue(unsupported.headers().firstValue("Warning").orElse("").startsWith("299 ")
                && unsupported.headers().firstValue("Warning").orElse("").contains("ReferringPhysicianName,00081090"),
                unsupported.headers().map().toString());
        HttpResponse<String> bad = call("GET", q + "&includefield=" + enc("Patient-Name"), ADMIN);
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("includefield"), bad.body());
        HttpResponse<String> series = call("GET", "dicomweb/studies/" + studyUid + "/series?includefield=all", ADMIN);
        assertEquals(200, series.statusCode(), series.body());
        HttpResponse<String> instances = call("GET", "dicomweb/studies/" + studyUid
                + "/instances?includefield=NumberOfFrames&includefield=StudyDate", ADMIN);
        assertEquals(200, instances.statusCode(), instances.body());
        assertTrue(instances.headers().firstValue("Warning").orElse("").contains("StudyDate"), "instance level has no StudyDate");

        // roles: staff only, whatever the path
        String token = ((SignInOutcome.SignedIn) signIn.signIn(enrolment.accountNumber(), enrolment.pin(), BIRTH_DATE,
                "10.9.8.6")).token();
        for (String path : List.of(q, "dicomweb/studies/" + studyUid + "/series", "dicomweb/studies/" + studyUid,
                "dicomweb/studies/" + studyUid + "/metadata")) {
            assertEquals(401, call("GET", path, null).statusCode(), path);
            int asPatient = call("GET", path, "Bearer " + token).statusCode();
            assertTrue(asPatient == 401 || asPatient == 403, path + " as the patient: " + asPatient);
        }
    }

    private void assertOneStudy(String query, String studyUid) throws Exception {
        HttpResponse<String> found = call("GET", query, ADMIN);
        assertEquals(200, found.statusCode(), found.body());
        assertEquals(1, count(found.body(), "\"0020000D\""), query + " → " + found.body());
        assertTrue(found.body().contains(studyUid), found.body());
    }

    private void assertNoStudy(String query) throws Exception {
        HttpResponse<String> found = call("GET", query, ADMIN);
        assertEquals(200, found.statusCode(), found.body());
        assertEquals("[]", found.body(), query);
    }

    private HttpResponse<String> stow(List<Path> files) throws Exception {
        String boundary = "b-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path f : files) {
            body.writeBytes(("\r\n--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(Files.readAllBytes(f));
        }
        body.writeBytes(("\r\n--" + boundary + "--").getBytes(StandardCharsets.US_ASCII));
        return HttpClient.newHttpClient().send(request("POST", "dicomweb/studies", ADMIN)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=\"" + boundary + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String authorization) throws Exception {
        return HttpClient.newHttpClient().send(request(method, path, authorization)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path, String authorization) {
        URI uri = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath()).resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    /** A pydicom file as an object of this patient (issuer HOSP) and study, with fresh series and SOP UIDs. */
    private static Path copy(String name, String patientId, String studyUid) throws IOException, InterruptedException {
        Path file = Files.createTempFile("dicomweb-it-", ".dcm");
        Files.copy(PYDICOM.resolve(name), file, StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder builder = new ProcessBuilder("dcmodify", "-nb", "-gse", "-gin", "-i", "(0010,0020)=" + patientId,
                "-i", "(0010,0021)=HOSP", "-i", "(0020,000D)=" + studyUid, file.toString()).redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "dcmodify timed out");
        assertEquals(0, process.exitValue(), output);
        return file;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String uniqueId() {
        return "DWIT-" + UUID.randomUUID().toString().substring(0, 18);
    }

    private static String newUid() {
        UUID u = UUID.randomUUID();
        return "2.25." + new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }
}
