// SPDX-License-Identifier: Apache-2.0
package org.imageshare.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small client of the ImageShare REST API for system tests. */
final class Api {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(URI base) {
        this.base = base;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder builder = request(path, headers);
        builder.header("Content-Type", "application/json");
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build());
    }

    HttpResponse<String> put(String path, String json, String... headers) {
        HttpRequest.Builder builder = request(path, headers);
        builder.header("Content-Type", "application/json");
        return send(builder.PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> delete(String path, String... headers) {
        return send(request(path, headers).DELETE().build());
    }

    HttpResponse<byte[]> getBytes(String path, String... headers) {
        try {
            return http.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonObject object(HttpResponse<String> response) {
        return (JsonObject) parse(response.body());
    }

    static JsonStructure parse(String body) {
        return Json.createReader(new StringReader(body)).read();
    }

    static String enrolmentJson(String patientId, String family, String given, String birthDate, String email) {
        return Json.createObjectBuilder().add("patientId", patientId).add("issuer", "HOSP").add("familyName", family)
                .add("givenName", given).add("birthDate", birthDate).add("email", email == null ? "" : email)
                .build().toString();
    }

    static String loginJson(String account, String pin, String birthDate) {
        return Json.createObjectBuilder().add("accountNumber", account).add("pin", pin).add("birthDate", birthDate)
                .build().toString();
    }
}
