// SPDX-License-Identifier: Apache-2.0
package org.imageshare.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DICOMweb (STOW-RS, QIDO-RS, WADO-RS) for staff, the patient's study ZIP and the CD import, against the
 * running application, with the Debian pydicom files made into fresh studies by DCMTK {@code dcmodify} and
 * the ZIP read back by DCMTK.
 */
@ExtendWith(RunningImageShare.class)
class DicomWebIT {

    private static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final String BIRTH_DATE = "1971-03-04";
    private static final String ISSUER = "HOSP";

    @TempDir
    Path dir;

    private Api api;
    private String admin;
    private RunningImageShare.Instance app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void connect(RunningImageShare.Instance instance) {
        app = instance;
        api = new Api(instance.baseUrl());
        admin = Api.basic(instance.adminUser(), instance.adminPassword());
    }

    @Test
    void stowedInstancesAreFoundByQidoAndWadoReturnsThemByteIdentical() throws Exception {
        String patientId = uniqueId();
        Study study = makeStudy(patientId, "CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm");

        HttpResponse<String> stow = stow("/dicomweb/studies", study.files(), admin);
        assertThat(stow.statusCode()).as(stow.body()).isEqualTo(200);
        assertThat(stow.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/dicom+json"));
        JsonObject answer = object(stow.body());
        assertThat(answer.getJsonObject("00081199").getJsonArray("Value")).hasSize(3);
        assertThat(answer).doesNotContainKey("00081198");
        String retrieveUrl = answer.getJsonObject("00081199").getJsonArray("Value").getJsonObject(0)
                .getJsonObject("00081190").getJsonArray("Value").getString(0);
        assertThat(retrieveUrl).startsWith(app.url("/dicomweb/studies/" + study.uid() + "/series/"));

        JsonArray studies = array(qido("/dicomweb/studies?PatientID=" + patientId));
        assertThat(studies).hasSize(1);
        JsonObject found = studies.getJsonObject(0);
        assertThat(value(found, "0020000D")).isEqualTo(study.uid());
        assertThat(found.getJsonObject("00201208").getJsonArray("Value").getInt(0)).isEqualTo(3);
        assertThat(found.getJsonObject("00201206").getJsonArray("Value").getInt(0)).isEqualTo(3);
        assertThat(found.getJsonObject("00080061").getJsonArray("Value").getValuesAs(JsonValue::toString))
                .contains("\"CT\"", "\"MR\"");
        // the other matching keys
        assertThat(array(qido("/dicomweb/studies?StudyInstanceUID=" + study.uid()))).hasSize(1);
        assertThat(array(qido("/dicomweb/studies?PatientID=" + patientId + "&ModalitiesInStudy=CT"))).hasSize(1);
        assertThat(array(qido("/dicomweb/studies?PatientID=" + patientId + "&ModalitiesInStudy=US"))).isEmpty();
        String date = value(found, "00080020");
        assertThat(array(qido("/dicomweb/studies?PatientID=" + patientId + "&StudyDate=" + date + "-"))).hasSize(1);
        assertThat(array(qido("/dicomweb/studies?PatientID=" + patientId + "&StudyDate=-19000101"))).isEmpty();
        assertThat(array(qido("/dicomweb/studies?PatientID=" + patientId.substring(0, 6) + "*"))).isNotEmpty();
        assertThat(qido("/dicomweb/studies?StudyDate=2004-01-01").statusCode()).isEqualTo(400);
        JsonArray series = array(qido("/dicomweb/studies/" + study.uid() + "/series"));
        assertThat(series).hasSize(3);
        JsonArray instances = array(qido("/dicomweb/studies/" + study.uid() + "/instances"));
        assertThat(instances).hasSize(3);

        // WADO-RS: the whole study, then one instance, byte for byte as sent
        HttpResponse<byte[]> wado = getBytes("/dicomweb/studies/" + study.uid(), admin);
        assertThat(wado.statusCode()).isEqualTo(200);
        String contentType = wado.headers().firstValue("Content-Type").orElseThrow();
        assertThat(contentType).startsWith("multipart/related").contains("application/dicom");
        assertThat(wado.headers().firstValueAsLong("Content-Length")).hasValue(wado.body().length);
        List<byte[]> parts = parts(wado.body(), boundary(contentType));
        assertThat(parts).hasSize(3);
        for (byte[] part : parts) {
            assertThat(study.files().stream().anyMatch(f -> sameBytes(f, part))).as("a part equals a sent file").isTrue();
        }
        JsonObject first = instances.getJsonObject(0);
        String one = "/dicomweb/studies/" + study.uid() + "/series/" + value(first, "0020000E") + "/instances/"
                + value(first, "00080018");
        HttpResponse<byte[]> single = getBytes(one, admin);
        List<byte[]> singlePart = parts(single.body(), boundary(single.headers().firstValue("Content-Type").orElseThrow()));
        assertThat(singlePart).hasSize(1);
        HttpResponse<String> metadata = api.get(one + "/metadata", "Authorization", admin);
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonObject meta = array(metadata).getJsonObject(0);
        assertThat(value(meta, "00100020")).isEqualTo(patientId);
        assertThat(meta).doesNotContainKey("7FE00010");
        assertThat(getBytes("/dicomweb/studies/1.2.3.4.5.6.7", admin).statusCode()).isEqualTo(404);

        // the same instances again: stored once, still 200
        HttpResponse<String> again = stow("/dicomweb/studies", study.files(), admin);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonObject refound = array(qido("/dicomweb/studies?PatientID=" + patientId)).getJsonObject(0);
        assertThat(refound.getJsonObject("00201208").getJsonArray("Value").getInt(0)).isEqualTo(3);
    }

    @Test
    void qidoTakesIncludefieldAllOrNamedAttributesAndWarnsAboutOnesItDoesNotReturn() throws Exception {
        String patientId = uniqueId();
        Study study = makeStudy(patientId, "CT_small.dcm");
        assertThat(stow("/dicomweb/studies", study.files(), admin).statusCode()).isEqualTo(200);
        String q = "/dicomweb/studies?PatientID=" + patientId;
        HttpResponse<String> plain = qido(q);
        for (String fields : List.of("all", "StudyDescription", "00100020,NumberOfStudyRelatedInstances")) {
            HttpResponse<String> asked = qido(q + "&includefield=" + fields);
            assertThat(asked.statusCode()).as(fields).isEqualTo(200);
            assertThat(asked.body()).as(fields).isEqualTo(plain.body());
            assertThat(asked.headers().firstValue("Warning")).as(fields).isEmpty();
        }
        HttpResponse<String> unknown = qido(q + "&includefield=ReferringPhysicianName");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo(plain.body());
        assertThat(unknown.headers().firstValue("Warning")).hasValueSatisfying(w ->
                assertThat(w).startsWith("299 ").contains("ReferringPhysicianName"));
        assertThat(qido(q + "&includefield=not-a-keyword").statusCode()).isEqualTo(400);
        JsonObject instance = array(qido("/dicomweb/studies/" + study.uid() + "/instances?includefield=all"))
                .getJsonObject(0);
        assertThat(value(instance, "00080016")).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
    }

    @Test
    void garbageAndForeignStudiesFailWithReasonsAndNothingIsStored() throws Exception {
        Path garbage = dir.resolve("garbage.dcm");
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        Files.write(garbage, noise);
        HttpResponse<String> stow = stow("/dicomweb/studies", List.of(garbage, PYDICOM.resolve("MR_truncated.dcm")), admin);
        assertThat(stow.statusCode()).as(stow.body()).isEqualTo(409);
        JsonArray failed = object(stow.body()).getJsonObject("00081198").getJsonArray("Value");
        assertThat(failed).hasSize(2);
        assertThat(failed.getJsonObject(0).getJsonObject("00081197").getJsonArray("Value").getInt(0)).isEqualTo(0xC000);
        assertThat(uploadsLeft()).isEmpty();

        // a valid object posted to another study's URL: failed (A900), not stored
        Study study = makeStudy(uniqueId(), "CT_small.dcm");
        HttpResponse<String> mismatch = stow("/dicomweb/studies/1.2.826.0.1.3680043.2.1143.999", study.files(), admin);
        assertThat(mismatch.statusCode()).isEqualTo(409);
        assertThat(object(mismatch.body()).getJsonObject("00081198").getJsonArray("Value").getJsonObject(0)
                .getJsonObject("00081197").getJsonArray("Value").getInt(0)).isEqualTo(0xA900);
        assertThat(array(qido("/dicomweb/studies?StudyInstanceUID=" + study.uid()))).isEmpty();
        // one good and one bad part: 202, the good one stored
        HttpResponse<String> mixed = stow("/dicomweb/studies", List.of(study.files().get(0), garbage), admin);
        assertThat(mixed.statusCode()).isEqualTo(202);
        assertThat(array(qido("/dicomweb/studies?StudyInstanceUID=" + study.uid()))).hasSize(1);
        assertThat(uploadsLeft()).isEmpty();
    }

    @Test
    void onlyStaffMayUseDicomWeb() throws Exception {
        String patient = bearerOfNewPatient(uniqueId());
        assertThat(qidoAs("/dicomweb/studies", null).statusCode()).isEqualTo(401);
        assertThat(qidoAs("/dicomweb/studies", Api.basic("admin", "wrong-password")).statusCode()).isEqualTo(401);
        assertThat(qidoAs("/dicomweb/studies", patient).statusCode()).isIn(401, 403);
        Study study = makeStudy(uniqueId(), "CT_small.dcm");
        assertThat(stow("/dicomweb/studies", study.files(), patient).statusCode()).isIn(401, 403);
        assertThat(stow("/dicomweb/studies", study.files(), null).statusCode()).isEqualTo(401);
        assertThat(array(qido("/dicomweb/studies?StudyInstanceUID=" + study.uid()))).isEmpty();
        assertThat(postZip(zipOf(Map.of("A/IM1", Files.readAllBytes(study.files().get(0)))), patient).statusCode())
                .isIn(401, 403);
    }

    @Test
    void thePatientDownloadsAReleasedStudyAsAZipThatDcmtkReads() throws Exception {
        String patientId = uniqueId();
        JsonObject enrolment = Api.object(api.post("/api/v1/enrolments",
                Api.enrolmentJson(patientId, "Kowalski", "Jan", BIRTH_DATE, null), "Authorization", admin));
        Study study = makeStudy(patientId, "CT_small.dcm", "MR_small.dcm", "MR_small_RLE.dcm", "rtdose.dcm");
        assertThat(stow("/dicomweb/studies", study.files(), admin).statusCode()).isEqualTo(200);
        String patient = "Bearer " + Api.object(api.post("/api/v1/patient/login",
                Api.loginJson(enrolment.getString("accountNumber"), enrolment.getString("pin"), BIRTH_DATE)))
                .getString("token");
        String download = "/api/v1/patient/studies/" + study.uid() + "/download";
        assertThat(getBytes(download, patient).statusCode()).as("not released yet").isEqualTo(404);
        assertThat(api.post("/api/v1/studies/" + study.uid() + "/release", null, "Authorization", admin).statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> zip = getBytes(download, patient);
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/zip"));
        assertThat(zip.headers().firstValueAsLong("Content-Length")).hasValue(zip.body().length);
        assertThat(zip.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("attachment"));

        Path unpacked = Files.createDirectories(dir.resolve("download"));
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                Path target = unpacked.resolve(e.getName());
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
        assertThat(names).contains("DICOMDIR", "README.TXT").hasSize(2 + 4);
        assertThat(names.stream().filter(n -> n.startsWith("DICOM/")))
                .allMatch(n -> n.matches("DICOM(/[A-Z0-9_]{1,8})+"));
        String readme = Files.readString(unpacked.resolve("README.TXT"));
        assertThat(readme).contains("DICOMDIR").doesNotContain(patientId, "Kowalski");
        Result dump = run(List.of("dcmdump", unpacked.resolve("DICOMDIR").toString()));
        assertThat(dump.exitCode()).as(dump.output()).isZero();
        Matcher ids = Pattern.compile("\\(0004,1500\\) CS \\[([^\\]]+)\\]").matcher(dump.output());
        List<Path> referenced = new ArrayList<>();
        while (ids.find()) {
            referenced.add(unpacked.resolve(ids.group(1).replace('\\', '/')));
        }
        assertThat(referenced).hasSize(4).allMatch(Files::isRegularFile);
        assertThat(dump.output()).as("the RT Dose has its own record type (PS3.3 F.5)").contains("CS [RT DOSE]")
                .contains("CS [IMAGE]");
        List<String> ftest = new ArrayList<>(List.of("dcmftest"));
        referenced.forEach(p -> ftest.add(p.toString()));
        Result part10 = run(ftest);
        assertThat(part10.exitCode()).as(part10.output()).isZero();
        for (Path p : referenced) {
            assertThat(study.files().stream().anyMatch(f -> sameBytes(f, read(p)))).as(p + " is a sent file").isTrue();
        }
        // the portal's My studies links to it, and the link works with the session cookie
        String token = patient.substring("Bearer ".length());
        HttpResponse<String> home = api.get("/patient/index.xhtml", "Cookie", "IMAGESHARE_PATIENT=" + token);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("/api/v1/patient/studies/" + study.uid() + "/download");
        HttpResponse<byte[]> viaCookie = api.getBytes(download, "Cookie", "IMAGESHARE_PATIENT=" + token);
        assertThat(viaCookie.statusCode()).isEqualTo(200);
        assertThat(viaCookie.body()).hasSameSizeAs(zip.body());
        // another patient cannot take it
        String other = bearerOfNewPatient(uniqueId());
        assertThat(getBytes(download, other).statusCode()).isEqualTo(404);
        assertThat(getBytes(download, admin).statusCode()).isIn(401, 403);
    }

    @Test
    void aCdZipWithADcmtkDicomdirIsImported() throws Exception {
        // dcmmkdir's general-purpose profile takes Explicit VR Little Endian only
        Study study = makeStudy(uniqueId(), "CT_small.dcm", "MR_small.dcm", "MR_small.dcm");
        Path cd = Files.createDirectories(dir.resolve("cd"));
        Path images = Files.createDirectories(cd.resolve("DICOM"));
        for (int i = 0; i < study.files().size(); i++) {
            Files.copy(study.files().get(i), images.resolve("IM" + (i + 1)));
        }
        Result mkdir = run(List.of("dcmmkdir", "+r", "+id", cd.toString(), "+D", cd.resolve("DICOMDIR").toString(),
                "-Pgp", "+I", "DICOM"));
        assertThat(mkdir.exitCode()).as(mkdir.output()).isZero();
        assertThat(mkdir.output()).doesNotContain("cannot be added");
        Map<String, byte[]> entries = new HashMap<>();
        entries.put("DICOMDIR", Files.readAllBytes(cd.resolve("DICOMDIR")));
        entries.put("AUTORUN.INF", "[autorun]\r\nopen=viewer.exe\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < study.files().size(); i++) {
            entries.put("DICOM/IM" + (i + 1), Files.readAllBytes(images.resolve("IM" + (i + 1))));
        }
        HttpResponse<String> imported = postZip(zipOf(entries), admin);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonObject result = object(imported.body());
        assertThat(result.getInt("stored") + result.getInt("duplicates")).isEqualTo(3);
        assertThat(result.getInt("skipped")).isEqualTo(2);
        assertThat(result.getInt("rejected")).isZero();
        JsonArray studies = array(qido("/dicomweb/studies?StudyInstanceUID=" + study.uid()));
        assertThat(studies).hasSize(1);
        assertThat(uploadsLeft()).isEmpty();
    }

    @Test
    void unsafeZipsAndNonZipsAreRefusedWholeAndImportNothing() throws Exception {
        Study study = makeStudy(uniqueId(), "CT_small.dcm");
        byte[] dicom = Files.readAllBytes(study.files().get(0));
        HttpResponse<String> traversal = postZip(zipOf(Map.of("../../etc/IM1", dicom)), admin);
        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(object(traversal.body()).getString("error")).contains("unsafe entry name");

        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("DICOM/IM1"));
            zip.write(dicom);
            zip.putNextEntry(new ZipEntry("DICOM/ZEROS"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
        }
        HttpResponse<String> bombed = postZip(bomb.toByteArray(), admin);
        assertThat(bombed.statusCode()).isEqualTo(400);
        assertThat(object(bombed.body()).getString("error")).contains("zip bomb");

        HttpResponse<String> text = postZip("just some text, not an archive".getBytes(StandardCharsets.US_ASCII), admin);
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(object(text.body()).getString("error")).contains("not a ZIP archive");

        assertThat(array(qido("/dicomweb/studies?StudyInstanceUID=" + study.uid()))).isEmpty();
        assertThat(uploadsLeft()).isEmpty();
    }

    // ---- helpers

    private record Study(String uid, List<Path> files) {
    }

    /** Copies of pydicom files as one new study of this patient (fresh UIDs; one series per file). */
    private Study makeStudy(String patientId, String... names) throws Exception {
        String studyUid = newUid();
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path copy = dir.resolve(UUID.randomUUID() + ".dcm");
            Files.copy(PYDICOM.resolve(name), copy);
            Result modified = run(List.of("dcmodify", "-nb", "-imt", "-i", "(0010,0020)=" + patientId,
                    "-i", "(0010,0021)=" + ISSUER, "-i", "(0020,000D)=" + studyUid, "-i", "(0020,000E)=" + newUid(),
                    "-i", "(0008,0018)=" + newUid(), copy.toString()));
            assertThat(modified.exitCode()).as(modified.output()).isZero();
            files.add(copy);
        }
        return new Study(studyUid, files);
    }

    private String bearerOfNewPatient(String patientId) {
        JsonObject enrolment = Api.object(api.post("/api/v1/enrolments",
                Api.enrolmentJson(patientId, "Novak", "Eva", BIRTH_DATE, null), "Authorization", admin));
        return "Bearer " + Api.object(api.post("/api/v1/patient/login",
                Api.loginJson(enrolment.getString("accountNumber"), enrolment.getString("pin"), BIRTH_DATE)))
                .getString("token");
    }

    private HttpResponse<String> stow(String path, List<Path> files, String authorization) throws Exception {
        String boundary = "test-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path f : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(Files.readAllBytes(f));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postZip(byte[] zip, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url("/api/v1/imports?name=cd.zip")))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> qido(String path) {
        return qidoAs(path, admin);
    }

    private HttpResponse<String> qidoAs(String path, String authorization) {
        return authorization == null ? api.get(path, "Accept", "application/dicom+json")
                : api.get(path, "Accept", "application/dicom+json", "Authorization", authorization);
    }

    private HttpResponse<byte[]> getBytes(String path, String authorization) {
        return api.getBytes(path, "Authorization", authorization);
    }

    private List<Path> uploadsLeft() throws IOException {
        Path incoming = app.dataDir().resolve("incoming");
        try (var files = Files.list(incoming)) {
            return files.filter(p -> p.getFileName().toString().startsWith("upload-")).toList();
        }
    }

    private static byte[] zipOf(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return out.toByteArray();
    }

    private static String boundary(String contentType) {
        Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        assertThat(m.find()).as(contentType).isTrue();
        return m.group(1);
    }

    /** The contents of a multipart body's parts (headers stripped). */
    private static List<byte[]> parts(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i <= body.length - delimiter.length; i++) {
            if (java.util.Arrays.equals(body, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                at.add(i);
            }
        }
        List<byte[]> parts = new ArrayList<>();
        for (int k = 0; k + 1 < at.size(); k++) {
            int start = at.get(k) + delimiter.length + 2;
            int headerEnd = start;
            while (!(body[headerEnd] == '\r' && body[headerEnd + 1] == '\n' && body[headerEnd + 2] == '\r'
                    && body[headerEnd + 3] == '\n')) {
                headerEnd++;
            }
            parts.add(java.util.Arrays.copyOfRange(body, headerEnd + 4, at.get(k + 1) - 2));
        }
        return parts;
    }

    private static boolean sameBytes(Path file, byte[] bytes) {
        return java.util.Arrays.equals(read(file), bytes);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonObject object(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static JsonArray array(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static String value(JsonObject dataSet, String tag) {
        return dataSet.getJsonObject(tag).getJsonArray("Value").getString(0);
    }

    private static String uniqueId() {
        return "DW" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    private static String newUid() {
        UUID u = UUID.randomUUID();
        return "2.25." + new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
