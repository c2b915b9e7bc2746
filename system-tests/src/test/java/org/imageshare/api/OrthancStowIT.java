// SPDX-License-Identifier: Apache-2.0
package org.imageshare.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orthanc (Debian {@code orthanc} + {@code orthanc-dicomweb}) as a STOW-RS client: it pushes a study to
 * ImageShare's {@code /dicomweb} with the staff credentials; ImageShare then finds it by QIDO and serves
 * the same bytes by WADO. Orthanc runs with its own configuration on free ports.
 */
@ExtendWith(RunningImageShare.class)
class OrthancStowIT {

    private static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
    private static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    private static final Path CT = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void orthancPushesAStudyByStowRs(RunningImageShare.Instance app) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ORTHANC) && Files.isRegularFile(DICOMWEB_PLUGIN),
                "apt-get install orthanc orthanc-dicomweb");
        Path file = dir.resolve("ct.dcm");
        Files.copy(CT, file);
        String patientId = "OS" + UUID.randomUUID().toString().substring(0, 8);
        Process modify = new ProcessBuilder("dcmodify", "-nb", "-gst", "-gse", "-gin", "-i", "(0010,0020)=" + patientId,
                file.toString()).redirectErrorStream(true).start();
        modify.getInputStream().readAllBytes();
        assertThat(modify.waitFor(30, TimeUnit.SECONDS) && modify.exitValue() == 0).isTrue();

        int httpPort = freePort();
        int dicomPort = freePort();
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, Json.createObjectBuilder()
                .add("Name", "STOW_IT")
                .add("StorageDirectory", dir.resolve("db").toString())
                .add("IndexDirectory", dir.resolve("db").toString())
                .add("HttpPort", httpPort).add("DicomPort", dicomPort)
                .add("RemoteAccessAllowed", false).add("AuthenticationEnabled", false)
                // Orthanc closes an idle kept-alive connection after 1 s; the client may already be writing its next
                // POST on it (seen once under load: broken pipe), and a POST is not retried. One connection per request.
                .add("KeepAlive", false)
                .add("Plugins", Json.createArrayBuilder().add(pluginPath()))
                .add("DicomWeb", Json.createObjectBuilder().add("Enable", true).add("Root", "/dicom-web/")
                        .add("Servers", Json.createObjectBuilder().add("imageshare", Json.createArrayBuilder()
                                .add(app.url("/dicomweb/")).add(app.adminUser()).add(app.adminPassword()))))
                .build().toString());
        ProcessBuilder builder = new ProcessBuilder(ORTHANC.toString(), config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("orthanc.log").toFile());
        builder.environment().put("TCP_NODELAY", "1");
        Process orthanc = builder.start();
        try {
            String orthancUrl = "http://127.0.0.1:" + httpPort;
            awaitUp(orthancUrl + "/system", orthanc);
            HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create(orthancUrl + "/instances"))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
            String orthancStudy = object(uploaded.body()).getString("ParentStudy");

            HttpResponse<String> stow = http.send(HttpRequest.newBuilder(
                            URI.create(orthancUrl + "/dicom-web/servers/imageshare/stow"))
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Resources\":[\"" + orthancStudy + "\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stow.statusCode()).as(stow.body() + "\n" + Files.readString(dir.resolve("orthanc.log")))
                    .isEqualTo(200);
        } finally {
            orthanc.destroy();
            if (!orthanc.waitFor(20, TimeUnit.SECONDS)) {
                orthanc.destroyForcibly();
            }
        }
        Api api = new Api(app.baseUrl());
        String admin = Api.basic(app.adminUser(), app.adminPassword());
        HttpResponse<String> found = api.get("/dicomweb/studies?PatientID=" + patientId, "Authorization", admin);
        assertThat(found.statusCode()).isEqualTo(200);
        JsonArray studies = Json.createReader(new StringReader(found.body())).readArray();
        assertThat(studies).hasSize(1);
        String studyUid = studies.getJsonObject(0).getJsonObject("0020000D").getJsonArray("Value").getString(0);
        HttpResponse<byte[]> wado = api.getBytes("/dicomweb/studies/" + studyUid, "Authorization", admin);
        assertThat(wado.statusCode()).isEqualTo(200);
        byte[] sent = Files.readAllBytes(file);
        assertThat(indexOf(wado.body(), sent)).as("WADO returns the file Orthanc was given").isNotNegative();
    }

    private static String pluginPath() {
        return DICOMWEB_PLUGIN.toString();
    }

    private void awaitUp(String url, Process orthanc) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            assertThat(orthanc.isAlive()).as("Orthanc running").isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet listening
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Orthanc did not start");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static JsonObject object(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
