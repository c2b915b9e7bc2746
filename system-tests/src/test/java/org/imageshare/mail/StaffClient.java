// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.imageshare.system.RunningImageShare;

/** The admin's REST calls the mail system tests need: enrol (which queues a welcome mail) and the outbox. */
final class StaffClient {

    private final RunningImageShare.Instance app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StaffClient(RunningImageShare.Instance app) {
        this.app = app;
    }

    /** Enrols a new patient with this e-mail address: 201, and a welcome mail is queued. */
    void enrol(String recipient) throws IOException, InterruptedException {
        String body = Json.createObjectBuilder().add("patientId", "MAIL-" + UUID.randomUUID()).add("issuer", "HOSP")
                .add("familyName", "Brown").add("givenName", "Amy").add("birthDate", "1975-06-01")
                .add("email", recipient).build().toString();
        HttpResponse<String> created = send(request("/api/v1/enrolments").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (created.statusCode() != 201) {
            throw new AssertionError("enrolment answered " + created.statusCode() + ": " + created.body());
        }
    }

    /** GET /api/v1/outbox (optionally ?status=…). */
    List<JsonObject> outbox(String status) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(request("/api/v1/outbox?max=500" + (status == null ? "" : "&status=" + status))
                .GET());
        if (answer.statusCode() != 200) {
            throw new AssertionError("outbox answered " + answer.statusCode() + ": " + answer.body());
        }
        JsonArray rows = Json.createReader(new StringReader(answer.body())).readArray();
        return rows.getValuesAs(JsonObject.class);
    }

    Optional<JsonObject> mailTo(String recipient) throws IOException, InterruptedException {
        return outbox(null).stream().filter(m -> m.getString("recipient").equals(recipient)).findFirst();
    }

    JsonObject counts() throws IOException, InterruptedException {
        HttpResponse<String> answer = send(request("/api/v1/outbox/counts").GET());
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    int post(String path) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    String metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(app.url("/metrics"))).header("Accept", "text/plain").GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (app.adminUser() + ":" + app.adminPassword()).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
