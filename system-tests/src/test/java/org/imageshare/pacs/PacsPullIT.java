// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orthanc (Debian) as the hospital's PACS, ImageShare driven over its REST API: configure the PACS and test
 * it (C-ECHO), search a patient's studies (C-FIND), retrieve one (C-MOVE to our AE) as a task followed to
 * its end, and find the study indexed for the enrolled patient. The calling-AE allow-list: DCMTK
 * {@code echoscu} with an unlisted AE title is rejected, a listed one accepted; a PACS left off a non-empty
 * list cannot deliver. Runs on an instance of its own.
 */
class PacsPullIT {

    private static final int STUDY_SIZE = 4;

    @TempDir
    static Path dir;

    private static RunningImageShare.Dedicated server;
    private static RunningImageShare.Instance app;
    private static Http api;
    private static OrthancPacs orthanc;
    private static int orthancDicom;

    @BeforeAll
    static void start() throws Exception {
        server = RunningImageShare.startDedicated("pacs-pull", Map.of("IMAGESHARE_RELEASE_DELAY", "PT0S"));
        app = server.instance();
        api = new Http(app.baseUrl(), app.adminUser(), app.adminPassword());
        orthanc = OrthancPacs.start(dir.resolve("orthanc"), "IMAGESHARE", app.dicomPort());
        orthancDicom = orthanc.dicomPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (orthanc != null) {
            orthanc.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStudySearchedAndRetrievedFromThePacsIsIndexedForItsPatient() throws Exception {
        String patientId = "PULL-" + System.nanoTime() % 1_000_000_000;
        assertThat(api.post("/api/v1/enrolments", """
                {"patientId": "%s", "familyName": "Nowak", "givenName": "Zofia", "birthDate": "1970-05-06",
                 "email": ""}""".formatted(patientId)).statusCode()).isEqualTo(201);
        String studyUid = orthanc.uploadStudy(patientId, "20230304", STUDY_SIZE);

        // configure and test the PACS
        assertThat(api.put("/api/v1/pacs", """
                {"aeTitle": "WRONG", "host": "127.0.0.1", "port": %d}""".formatted(orthancDicom)).statusCode()).isEqualTo(200);
        JsonObject bad = (JsonObject) Http.json(api.post("/api/v1/pacs/echo", "{}"));
        assertThat(bad.getBoolean("ok")).as(bad.toString()).isFalse();
        assertThat(bad.getString("message")).contains("rejected");
        HttpResponse<String> saved = api.put("/api/v1/pacs", """
                {"aeTitle": "%s", "host": "127.0.0.1", "port": %d}""".formatted(OrthancPacs.AE_TITLE, orthancDicom));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(((JsonObject) Http.json(saved)).getString("source")).isEqualTo("DATABASE");
        JsonObject echo = (JsonObject) Http.json(api.post("/api/v1/pacs/echo", "{}"));
        assertThat(echo.getBoolean("ok")).as(echo.toString()).isTrue();

        // C-FIND by patient ID and date range
        HttpResponse<String> none = api.get("/api/v1/pacs/studies?patientId=" + patientId + "&from=2024-01-01");
        assertThat(((JsonObject) Http.json(none)).getJsonArray("studies")).isEmpty();
        HttpResponse<String> search = api.get("/api/v1/pacs/studies?patientId=" + patientId
                + "&from=2023-01-01&to=2023-12-31");
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        JsonArray studies = ((JsonObject) Http.json(search)).getJsonArray("studies");
        assertThat(studies).hasSize(1);
        JsonObject found = studies.getJsonObject(0);
        assertThat(found.getString("studyInstanceUid")).isEqualTo(studyUid);
        assertThat(found.getString("studyDate")).isEqualTo("2023-03-04");
        assertThat(found.getInt("numberOfInstances")).isEqualTo(STUDY_SIZE);
        assertThat(found.getJsonArray("modalities").getString(0)).isEqualTo("CT");
        assertThat(api.get("/api/v1/pacs/studies?patientId=" + patientId + "&from=not-a-date").statusCode())
                .isEqualTo(400);

        // C-MOVE as a task
        JsonObject done = retrieve(studyUid);
        assertThat(done.getString("status")).as(done.toString()).isEqualTo("DONE");
        assertThat(done.getInt("completed")).isEqualTo(STUDY_SIZE);
        assertThat(done.getInt("failed")).isZero();
        assertThat(done.getInt("percent")).isEqualTo(100);

        JsonArray matched = (JsonArray) Http.json(api.get("/api/v1/studies"));
        JsonObject study = matched.stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("studyInstanceUid").equals(studyUid)).findFirst().orElseThrow();
        assertThat(study.getString("patientId")).isEqualTo(patientId);
        assertThat(study.getInt("numberOfInstances")).isEqualTo(STUDY_SIZE);
        JsonObject again = (JsonObject) Http.json(api.get("/api/v1/pacs/studies?patientId=" + patientId));
        assertThat(again.getJsonArray("studies").getJsonObject(0).getInt("localInstances")).isEqualTo(STUDY_SIZE);
    }

    @Test
    void theAllowListRejectsAnUnlistedCallerAndAdmitsAListedOne() throws Exception {
        assertThat(echoscu("UNLISTED").exitCode()).isZero();
        HttpResponse<String> added = api.post("/api/v1/dicom/allowed-callers", "{\"aeTitle\": \"LISTED\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        long id = ((JsonObject) Http.json(added)).getJsonNumber("id").longValue();
        try {
            Tools.Result rejected = echoscu("UNLISTED");
            assertThat(rejected.exitCode()).isNotZero();
            assertThat(rejected.output()).contains("Association Rejected").contains("Calling AE Title Not Recognized");
            assertThat(echoscu("LISTED").exitCode()).isZero();

            // the PACS is not on the list: its C-STOREs are rejected and the retrieve fails
            api.put("/api/v1/pacs", """
                    {"aeTitle": "%s", "host": "127.0.0.1", "port": %d}""".formatted(OrthancPacs.AE_TITLE, orthancDicom));
            String studyUid = orthanc.uploadStudy("BLOCKED-1", "20220101", 1);
            JsonObject blocked = retrieve(studyUid);
            assertThat(blocked.getString("status")).as(blocked.toString()).isEqualTo("FAILED");
            assertThat(blocked.getInt("completed")).isZero();
        } finally {
            assertThat(api.delete("/api/v1/dicom/allowed-callers/" + id).statusCode()).isEqualTo(204);
        }
        assertThat(echoscu("UNLISTED").exitCode()).isZero();
        assertThat(api.post("/api/v1/dicom/allowed-callers", "{\"aeTitle\": \"bad\\\\ae\"}").statusCode()).isEqualTo(400);
    }

    private static JsonObject retrieve(String studyUid) throws InterruptedException {
        HttpResponse<String> started = api.post("/api/v1/pacs/retrievals",
                "{\"studyInstanceUids\": [\"" + studyUid + "\"]}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long taskId = ((JsonArray) Http.json(started)).getJsonObject(0).getJsonNumber("id").longValue();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonObject task = (JsonObject) Http.json(api.get("/api/v1/pacs/retrievals/" + taskId));
            String status = task.getString("status");
            if (!status.equals("PENDING") && !status.equals("RUNNING")) {
                return task;
            }
            assertThat(System.nanoTime()).as("task " + task).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static Tools.Result echoscu(String callingAe) throws IOException, InterruptedException {
        return Tools.run(List.of("echoscu", "-to", "10", "-aet", callingAe, "-aec", "IMAGESHARE", "127.0.0.1",
                String.valueOf(app.dicomPort())), 30);
    }
}
