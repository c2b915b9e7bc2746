// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The EAR on a full Payara Server 6, set up exactly as server-config/README.md tells hospital IT: a fresh
 * domain, {@code setup.asadmin} and a restart, the IMAGESHARE_* settings in the server's environment,
 * {@code deploy}.
 * Then {@code /health} must be UP with the database and broker checks, a registrar (the bootstrap admin)
 * enrols a patient over REST and the patient signs in with the printed numbers.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class EarOnPayaraServerIT {

    private static final String APPLICATION = "imageshare";
    private static final Duration HEALTH_DEADLINE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static PayaraServerDomain domain;
    private static String baseUrl;
    private static String adminPassword;

    @BeforeAll
    static void deployEarOnFreshDomain() throws Exception {
        Path payaraHome = Path.of(required("payara.server.home"));
        Path runtimeDir = Path.of(required("imageshare.runtime.dir"));
        Path ear = Path.of(required("imageshare.ear"));
        Path setup = runtimeDir.resolve("payara-server").resolve("setup.asadmin");
        assertThat(payaraHome.resolve("bin").resolve("asadmin")).as("Payara Server (unpacked by the build)").isExecutable();
        assertThat(ear).as("the EAR (built by the ear module)").isRegularFile();
        assertThat(setup).as("setup.asadmin (filtered by the micro module)").isRegularFile();
        assertThat(runtimeDir.resolve("activemq-rar.rar")).as("the ActiveMQ resource adapter").isRegularFile();

        int portBase = Integer.getInteger("imageshare.ear.it.portbase", 8400);
        Path workDir = Path.of("target", "ear-it").toAbsolutePath();
        Path dataDir = workDir.resolve("data");
        adminPassword = randomPassword();
        Map<String, String> environment = Map.of(
                "IMAGESHARE_DATA_DIR", dataDir.toString(),
                "IMAGESHARE_HTTP_PORT", Integer.toString(portBase + 80),
                "IMAGESHARE_PUBLIC_URL", "http://localhost:" + (portBase + 80),
                "IMAGESHARE_DICOM_PORT", Integer.toString(portBase + 12),
                "IMAGESHARE_DICOM_BIND", "127.0.0.1",
                "IMAGESHARE_RELEASE_DELAY", "PT0S",
                "IMAGESHARE_ADMIN_PASSWORD", adminPassword,
                "IMAGESHARE_BROKER_URL", "vm://imageshare?broker.persistent=true&broker.useJmx=false"
                        + "&broker.useShutdownHook=false&broker.dataDirectory=" + dataDir.resolve("broker"));
        domain = new PayaraServerDomain(payaraHome, workDir, portBase, environment);
        baseUrl = "http://localhost:" + domain.httpPort();

        domain.clean();
        Files.createDirectories(dataDir);
        long t0 = System.nanoTime();
        domain.create();
        long t1 = System.nanoTime();
        domain.start();
        long t2 = System.nanoTime();
        domain.asadmin(Duration.ofMinutes(2), "multimode", "--file", setup.toString());
        domain.restart();
        long t3 = System.nanoTime();
        domain.asadmin(Duration.ofMinutes(3), "deploy", "--name", APPLICATION, ear.toString());
        long t4 = System.nanoTime();
        JsonNode health = awaitHealthUp();
        long t5 = System.nanoTime();
        System.out.printf("[ear-it] create-domain %.1f s, start-domain %.1f s, setup.asadmin + restart-domain %.1f s, deploy %.1f s,"
                + " then /health UP after %.1f s more; start-domain + deploy = %.1f s, start-domain to /health UP"
                + " = %.1f s%n", seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2), seconds(t4 - t3),
                seconds(t5 - t4), seconds((t2 - t1) + (t4 - t3)), seconds(t5 - t1));
        System.out.println("[ear-it] /health: " + health);
    }

    @AfterAll
    static void stopDomain() {
        if (domain != null) {
            domain.stop(APPLICATION);
        }
    }

    @Test
    void healthListsDatabaseAndBrokerUp() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(checkNames(health)).contains("database", "broker");
        health.path("checks").forEach(check -> assertThat(check.path("status").asText())
                .as("check %s", check.path("name").asText()).isEqualTo("UP"));

        // setup.asadmin moved Payara's own MicroProfile Health endpoint out of the application's way
        HttpResponse<String> payaraHealth = get("/mphealth");
        assertThat(payaraHealth.statusCode()).as(payaraHealth.body()).isIn(200, 503);
        assertThat(JSON.readTree(payaraHealth.body()).has("status")).isTrue();
    }

    @Test
    void registrarEnrolsPatientWhoThenSignsIn() throws Exception {
        String patientId = "EAR-" + Long.toUnsignedString(new SecureRandom().nextLong(), 36);
        String enrolment = JSON.writeValueAsString(Map.of(
                "patientId", patientId, "issuer", "EAR-IT", "familyName", "Muster", "givenName", "Erika",
                "birthDate", "1975-04-12", "email", "erika.muster@example.org"));

        HttpResponse<String> enrolled = send(HttpRequest.newBuilder(uri("/api/v1/enrolments"))
                .header("Authorization", basic("admin", adminPassword))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(enrolment)));

        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        JsonNode numbers = JSON.readTree(enrolled.body());
        String accountNumber = numbers.path("accountNumber").asText();
        String pin = numbers.path("pin").asText();
        assertThat(accountNumber).matches("\\d{8}");
        assertThat(pin).matches("\\d{6}");
        assertThat(numbers.path("handoutUrl").asText()).startsWith(baseUrl + "/");

        HttpResponse<String> wrongPin = login(accountNumber, pin.equals("000000") ? "111111" : "000000");
        assertThat(wrongPin.statusCode()).isEqualTo(401);

        HttpResponse<String> signedIn = login(accountNumber, pin);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String token = JSON.readTree(signedIn.body()).path("token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        assertThat(signedIn.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("IMAGESHARE_PATIENT=").contains("HttpOnly"));

        // the patient group maps to the patient role: a patient-only call is validated (400), not refused (403)
        HttpResponse<String> pinChange = send(HttpRequest.newBuilder(uri("/api/v1/patient/pin"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"currentPin\":\"" + (pin.equals("000000") ? "111111"
                        : "000000") + "\",\"newPin\":\"1\"}")));
        assertThat(pinChange.statusCode()).as(pinChange.body()).isEqualTo(400);
    }

    private static HttpResponse<String> login(String accountNumber, String pin) throws Exception {
        String credentials = JSON.writeValueAsString(Map.of(
                "accountNumber", accountNumber, "pin", pin, "birthDate", "1975-04-12"));
        return send(HttpRequest.newBuilder(uri("/api/v1/patient/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials)));
    }

    /** Polls {@code /health} until it is UP and names the database and broker checks, or fails at the deadline. */
    private static JsonNode awaitHealthUp() throws InterruptedException {
        long deadline = System.nanoTime() + HEALTH_DEADLINE.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = get("/health");
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    JsonNode health = JSON.readTree(response.body());
                    if ("UP".equals(health.path("status").asText())
                            && checkNames(health).containsAll(Set.of("database", "broker"))) {
                        return health;
                    }
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        fail("/health not UP with database and broker within " + HEALTH_DEADLINE + "; last answer: " + last
                + "\n--- server.log (tail) ---\n" + domain.serverLogTail(80));
        return null;
    }

    private static Set<String> checkNames(JsonNode health) {
        Set<String> names = new HashSet<>();
        health.path("checks").forEach(check -> names.add(check.path("name").asText()));
        return names;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by the failsafe configuration)", property).isNotBlank();
        return value;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
