// SPDX-License-Identifier: Apache-2.0
package org.imageshare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * {@code ./imageshare bench viewer}: not a test (its name keeps it out of the test runs). A synthetic 500-slice
 * CT (512×512, bench/make-ct.py) goes to ImageShare over DICOM; in Chromium the patient's viewer opens it and
 * the time from navigation start to the first painted CT image is read from the page
 * ({@code window.__imageshareFirstPaint}), first with an empty render cache, then warm (median of the rest).
 * With {@code wrk} installed, one rendered frame is also fetched by 50 concurrent clients for 10 s.
 * Figures are printed; nothing is asserted beyond "it painted".
 */
@ExtendWith(RunningImageShare.class)
class ViewerBenchmark {

    private static final int SLICES = Integer.getInteger("bench.slices", 500);
    private static final int RUNS = Integer.getInteger("bench.runs", 7);
    private static final String BIRTH_DATE = "1970-01-01";

    @Test
    void timeToFirstPaintedCtImage(RunningImageShare.Instance app, @TempDir Path tmp) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String admin = "Basic " + Base64.getEncoder().encodeToString(
                (app.adminUser() + ":" + app.adminPassword()).getBytes(StandardCharsets.UTF_8));
        String enrol = Json.createObjectBuilder().add("patientId", "BENCH-CT-500").add("familyName", "Bench")
                .add("givenName", "Viewer").add("birthDate", BIRTH_DATE).build().toString();
        HttpResponse<String> enrolled = http.send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/enrolments")))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(enrol)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        var enrolment = Json.createReader(new StringReader(enrolled.body())).readObject();

        Path root = Path.of(System.getProperty("imageshare.root", "..")).toAbsolutePath();
        Path ct = tmp.resolve("ct");
        exec(List.of("/usr/bin/python3", root.resolve("bench/make-ct.py").toString(), ct.toString(),
                Integer.toString(SLICES)));
        List<String> files;
        try (Stream<Path> list = Files.list(ct)) {
            files = list.map(Path::toString).sorted().toList();
        }
        String studyUid = exec(List.of("dcmdump", "-q", "+P", "0020,000D", files.get(0)))
                .replaceAll("(?s).*\\[(.*?)\\].*", "$1").strip();
        List<String> store = new ArrayList<>(List.of("storescu", "-aec", "IMAGESHARE", "localhost",
                Integer.toString(app.dicomPort())));
        store.addAll(files);
        long sent = System.nanoTime();
        exec(store);
        System.out.printf(Locale.ROOT, "[bench] %d slices stored in %.1f s%n", files.size(),
                (System.nanoTime() - sent) / 1e9);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/studies/" + studyUid + "/release")))
                .header("Authorization", admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        String login = Json.createObjectBuilder().add("accountNumber", enrolment.getString("accountNumber"))
                .add("pin", enrolment.getString("pin")).add("birthDate", BIRTH_DATE).build().toString();
        String token = Json.createReader(new StringReader(http.send(
                HttpRequest.newBuilder(URI.create(app.url("/api/v1/patient/login")))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login))
                        .build(), HttpResponse.BodyHandlers.ofString()).body())).readObject().getString("token");

        List<Double> times = new ArrayList<>();
        try (Browser browser = new Browser(app)) {
            browser.open("/index.xhtml");
            browser.driver.manage().addCookie(new Cookie("IMAGESHARE_PATIENT", token, "/"));
            for (int run = 0; run < RUNS; run++) {
                browser.open("/patient/viewer.html?study=" + studyUid);
                WebElement viewer = browser.byId("viewer");
                browser.wait.until(d -> "painted".equals(viewer.getAttribute("data-state")));
                times.add(((Number) ((JavascriptExecutor) browser.driver)
                        .executeScript("return window.__imageshareFirstPaint")).doubleValue());
                browser.wait.until(ExpectedConditions.textToBe(By.id("ov-image"), "Image 1 / " + SLICES));
            }
        }
        List<Double> warm = times.subList(1, times.size()).stream().sorted().toList();
        System.out.printf(Locale.ROOT, "[bench] viewer, first CT image painted (ms from navigation start): "
                + "cold %.0f, warm median %.0f (min %.0f, max %.0f, %d runs)%n", times.get(0),
                warm.get(warm.size() / 2), warm.get(0), warm.get(warm.size() - 1), warm.size());

        Path wrk = Path.of("/usr/bin/wrk");
        if (Files.isExecutable(wrk)) {
            String seriesJson = http.send(HttpRequest.newBuilder(URI.create(app.url(
                    "/api/v1/patient/viewer/studies/" + studyUid + "/series"))).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            String seriesUid = Json.createReader(new StringReader(seriesJson)).readArray().getJsonObject(0)
                    .getString("seriesInstanceUid");
            String instances = http.send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/patient/viewer/studies/"
                    + studyUid + "/series/" + seriesUid + "/instances"))).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            String sop = Json.createReader(new StringReader(instances)).readArray().getJsonObject(SLICES / 2)
                    .getString("sopInstanceUid");
            String url = app.url("/api/v1/patient/viewer/studies/" + studyUid + "/instances/" + sop
                    + "/frames/1/rendered?wc=40&ww=400");
            String out = exec(List.of(wrk.toString(), "-t2", "-c50", "-d10s", "--latency", "-H",
                    "Authorization: Bearer " + token, url));
            System.out.println("[bench] rendered frame (cached), 50 concurrent clients, 10 s, wrk:");
            out.lines().filter(l -> l.contains("%") || l.contains("Requests/sec") || l.contains("Non-2xx"))
                    .forEach(l -> System.out.println("[bench]   " + l.strip()));
        } else {
            System.out.println("[bench] wrk is not installed: the concurrent-clients figure is skipped");
        }
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(command.get(0) + ": " + out).isZero();
        return out;
    }
}
