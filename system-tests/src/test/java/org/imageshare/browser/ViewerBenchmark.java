// SPDX-License-Identifier: Apache-2.0
package org.imageshare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code ./imageshare bench viewer}: not a test (its name keeps it out of the test runs), figures for issue 5.
 *
 * <p>One synthetic 500-slice CT (512×512, bench/make-ct.py) is stored over DICOM in a dedicated ImageShare and in
 * Orthanc with its web viewer plugin (Debian {@code orthanc} + {@code orthanc-webviewer}, TCP_NODELAY=1, own
 * config on free ports; skipped with a message when not installed). In ImageShare a patient is enrolled, the
 * study released, the patient signs in, consents and shares the study without access code over the REST API;
 * the link is taken from the mail (a local GreenMail SMTP server), as the physician gets it.
 *
 * <p>Time to the first CT image: headless Chromium opens the link (and clicks "View images" if a landing page
 * shows that link), and Orthanc's {@code /web-viewer/app/viewer.html?series=…}. Neither page is changed: a
 * detector injected into every document over DevTools ({@code Page.addScriptToEvaluateOnNewDocument}) checks on
 * every animation frame whether a canvas or image of at least 200×200 CSS px shows an image (over 5 % of 64×64
 * samples differ from its corner pixel) and records {@code performance.now()} — the same method for both
 * products. Browser cache cleared before every run; the first run of each product is cold (empty render caches),
 * the rest warm; products alternate. With a landing page the time is its load time plus the viewer's time from
 * its navigation start (the click) to the first image: the automation's delay between the two is not counted.
 *
 * <p>Then wrk (50 connections, 2 threads, 10 s) on the link page, on the rendered frame the share's viewer
 * fetched first, and on Orthanc's web-viewer frame and {@code /preview}; and the ZIP download of the share
 * against reading the stored files raw (warm page cache: with {@code cat}, and over HTTP from a server that only
 * sends them with {@code sendfile} — {@link RawHttpServer}, the ceiling of any download through loopback TCP and
 * curl here), against the same instances one by one over WADO-RS
 * under the share, and against Orthanc's {@code /studies/{id}/archive}. A side-by-side table with the targets
 * ends the output. Everything started here is stopped at the end.
 */
class ViewerBenchmark {

    private static final int SLICES = Integer.getInteger("bench.slices", 500);
    private static final int RUNS = Integer.getInteger("bench.runs", 7);
    private static final int ZIP_RUNS = 3;
    private static final String BIRTH_DATE = "1970-01-01";
    private static final String DOCTOR = "dr-bench@clinic.example";
    /** The recipient of a second share, opened once on the warm server: a physician's usual case. */
    private static final String SECOND_DOCTOR = "dr-second@clinic.example";
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/s/[A-Za-z0-9_-]{43})");
    private static final Path WRK = Path.of("/usr/bin/wrk");
    private static final Path WEBVIEWER_PLUGIN_FALLBACK = Path.of("/usr/share/orthanc/plugins/libOrthancWebViewer.so");

    /** Injected into every document before its own scripts: records when the first image appears. */
    private static final String DETECTOR = """
            (() => {
              if (window.__benchDetector) return;
              window.__benchDetector = true;
              window.__benchPainted = null;
              const scratch = document.createElement('canvas');
              scratch.width = 64; scratch.height = 64;
              let ctx = null;
              const shows = (el) => {
                const r = el.getBoundingClientRect();
                if (r.width < 200 || r.height < 200) return false;
                if (el.tagName === 'IMG' && !(el.complete && el.naturalWidth > 0)) return false;
                if (el.tagName === 'CANVAS' && (el.width === 0 || el.height === 0)) return false;
                ctx = ctx || scratch.getContext('2d', {willReadFrequently: true});
                ctx.fillStyle = '#000'; ctx.fillRect(0, 0, 64, 64);
                try { ctx.drawImage(el, 0, 0, 64, 64); } catch (e) { return false; }
                const d = ctx.getImageData(0, 0, 64, 64).data;
                let differ = 0;
                for (let i = 0; i < d.length; i += 4) {
                  if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 24) differ++;
                }
                return differ > 64 * 64 * 0.05;
              };
              const tick = () => {
                const now = performance.now();
                for (const el of document.querySelectorAll('canvas, img')) {
                  if (shows(el)) {
                    window.__benchPainted = {ms: now, origin: performance.timeOrigin,
                      what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + el.width + 'x' + el.height};
                    return;
                  }
                }
                requestAnimationFrame(tick);
              };
              requestAnimationFrame(tick);
            })();
            """;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> table = new LinkedHashMap<>();

    @Test
    void firstCtImageFromTheShareLinkAgainstOrthanc(@TempDir Path tmp) throws Exception {
        String loadBefore = load();
        int smtpPort = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Orthanc orthanc = null;
        try (RunningImageShare.Dedicated server = RunningImageShare.startDedicated("viewer-bench", Map.of(
                "IMAGESHARE_SMTP_HOST", "127.0.0.1",
                "IMAGESHARE_SMTP_PORT", Integer.toString(smtpPort)))) {
            RunningImageShare.Instance app = server.instance();
            orthanc = Orthanc.startIfInstalled(tmp.resolve("orthanc"));

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

            JsonObject enrolment = json(send("POST", app.url("/api/v1/enrolments"), basic(app),
                    Json.createObjectBuilder().add("patientId", "BENCH-CT-500")
                            .add("familyName", "Bench").add("givenName", "Viewer").add("birthDate", BIRTH_DATE)
                            .add("email", "patient-bench@example.org").build().toString(), 201)).asJsonObject();
            storescu("IMAGESHARE", app.dicomPort(), files);
            if (orthanc != null) {
                storescu("ORTHANC", orthanc.dicomPort, files);
            }
            release(app, studyUid);
            String session = json(send("POST", app.url("/api/v1/patient/login"), null,
                    Json.createObjectBuilder().add("accountNumber", enrolment.getString("accountNumber"))
                            .add("pin", enrolment.getString("pin")).add("birthDate", BIRTH_DATE).build().toString(),
                    200)).asJsonObject().getString("token");
            String bearer = "Bearer " + session;
            String version = json(send("GET", app.url("/api/v1/patient/consent"), bearer, null, 200)).asJsonObject()
                    .get("version").toString().replace("\"", "");
            send("POST", app.url("/api/v1/patient/consent"), bearer, "{\"version\":" + quoteUnlessNumber(version)
                    + "}", 204);
            send("POST", app.url("/api/v1/patient/shares"), bearer, Json.createObjectBuilder()
                    .add("studyInstanceUids", Json.createArrayBuilder().add(studyUid)).add("recipientEmail", DOCTOR)
                    .add("expiresInDays", 7).build().toString(), 201);
            String link = linkFromMail(smtp, DOCTOR);
            System.out.println("[bench] share link created over the REST API, taken from the mail");

            String orthancSeries = null;
            if (orthanc != null) {
                JsonArray series = json(send("GET", orthanc.url("/series"), null, null, 200)).asJsonArray();
                assertThat(series).as("Orthanc holds one series").hasSize(1);
                orthancSeries = series.getString(0);
                int count = json(send("GET", orthanc.url("/statistics"), null, null, 200)).asJsonObject()
                        .getInt("CountInstances");
                assertThat(count).as("instances in Orthanc").isEqualTo(SLICES);
            }

            // 1. time to the first CT image, both products alternating, same browser, cache cleared every run
            List<Double> mine = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            String mineFrame = null;
            String theirFrame = null;
            Timing secondLink;
            try (Browser browser = new Browser(app)) {
                browser.driver.executeCdpCommand("Page.enable", Map.of());
                browser.driver.executeCdpCommand("Network.enable", Map.of());
                browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", DETECTOR));
                for (int run = 0; run < RUNS; run++) {
                    Timing t = openShare(browser, link);
                    mine.add(t.ms);
                    System.out.println("[bench] ImageShare run " + (run + 1) + " timeline: " + timeline(browser));
                    if (run == 0) {
                        System.out.println("[bench] ImageShare: " + t.how);
                        mineFrame = firstResource(browser, "/rendered");
                    }
                    if (orthanc != null) {
                        Timing o = openOrthanc(browser, orthanc.url("/web-viewer/app/viewer.html?series=" + orthancSeries));
                        theirs.add(o.ms);
                        if (run == 0) {
                            System.out.println("[bench] Orthanc web viewer: " + o.how);
                            theirFrame = firstResource(browser, "/web-viewer/instances/");
                        }
                    }
                    System.out.printf(Locale.ROOT, "[bench] run %d%s: ImageShare %.0f ms%s%n", run + 1,
                            run == 0 ? " (cold)" : "", t.ms,
                            orthanc != null ? String.format(Locale.ROOT, ", Orthanc %.0f ms", theirs.get(run)) : "");
                }
                // Each physician opens a link of their own, usually once: the first open of a new link (counted,
                // audited, the patient's first-open mail queued) on the server that is warm by now.
                send("POST", app.url("/api/v1/patient/shares"), bearer, Json.createObjectBuilder()
                        .add("studyInstanceUids", Json.createArrayBuilder().add(studyUid))
                        .add("recipientEmail", SECOND_DOCTOR).add("expiresInDays", 7).build().toString(), 201);
                secondLink = openShare(browser, linkFromMail(smtp, SECOND_DOCTOR));
                System.out.println("[bench] ImageShare, first open of a second link, timeline: " + timeline(browser));
            }
            table.put("First CT image from opening the link, cold (ms)",
                    row(fmt(mine.get(0)), orthanc != null ? fmt(theirs.get(0)) : "-", "< 300 and < Orthanc"));
            table.put("First CT image, warm median (min-max) (ms)", row(stats(mine),
                    orthanc != null ? stats(theirs) : "-", "< 300 and < Orthanc"));
            table.put("First CT image, first open of a second link, warm server (ms)",
                    row(fmt(secondLink.ms), "-", "< 300"));

            // 2. 50 concurrent clients
            if (Files.isExecutable(WRK)) {
                table.put("Link page, wrk 50 clients: p50 / p99 (ms), req/s", row(wrk(link), "-", "p99 < 300"));
                assertThat(mineFrame).as("the share's viewer fetched a rendered frame").isNotNull();
                String frame = mineFrame.startsWith("http") ? mineFrame : app.url(mineFrame);
                table.put("Rendered frame (cached), wrk 50 clients: p50 / p99 (ms), req/s", row(wrk(frame),
                        theirFrame != null ? wrk(theirFrame) : "-", "p99 < 300"));
                if (orthanc != null) {
                    JsonArray instances = json(send("GET", orthanc.url("/instances"), null, null, 200)).asJsonArray();
                    String preview = orthanc.url("/instances/" + instances.getString(0) + "/preview");
                    send("GET", preview, null, null, 200);
                    table.put("Orthanc /instances/{id}/preview (PNG), wrk 50 clients", row("-", wrk(preview), ""));
                }
            } else {
                System.out.println("[bench] wrk is not installed: the concurrent-clients figures are skipped");
            }

            // 3. the ZIP against raw reads, per-instance WADO-RS and Orthanc's archive
            List<Path> stored;
            try (Stream<Path> walk = Files.walk(app.dataDir().resolve("store"))) {
                stored = walk.filter(Files::isRegularFile).sorted().toList();
            }
            assertThat(stored).as("ImageShare's stored files").hasSize(SLICES);
            long storedBytes = 0;
            for (Path p : stored) {
                storedBytes += Files.size(p);
            }
            readRaw(stored); // warm the page cache
            List<Double> raw = new ArrayList<>();
            List<Double> zip = new ArrayList<>();
            List<Double> each = new ArrayList<>();
            List<Double> peer = new ArrayList<>();
            List<Double> rawHttp = new ArrayList<>();
            RawHttpServer rawServer = new RawHttpServer(stored);
            Path wadoConfig = wadoUrls(tmp, link, studyUid);
            String orthancStudy = orthanc != null
                    ? json(send("GET", orthanc.url("/studies"), null, null, 200)).asJsonArray().getString(0) : null;
            for (int run = 0; run < ZIP_RUNS; run++) {
                raw.add(storedBytes / 1e6 / readRaw(stored));
                rawHttp.add(curl(rawServer.url()));
                zip.add(curl(link + "/download"));
                each.add(curlConfig(wadoConfig));
                if (orthanc != null) {
                    peer.add(curl(orthanc.url("/studies/" + orthancStudy + "/archive")));
                }
            }
            rawServer.close();
            double zipMedian = median(zip);
            double rawMedian = median(raw);
            double rawHttpMedian = median(rawHttp);
            table.put("Read the stored files raw (cat, warm cache) (MB/s)", row(fmt(rawMedian), "-", ""));
            table.put("Same files raw over HTTP: sendfile server, curl (MB/s; the transport's ceiling)",
                    row(fmt(rawHttpMedian), "-", ""));
            table.put("Study ZIP download (MB/s)", row(fmt(zipMedian), orthanc != null ? fmt(median(peer)) : "-",
                    ">= 0.8 x raw"));
            table.put("ZIP / raw (cat)", row(String.format(Locale.ROOT, "%.2f", zipMedian / rawMedian), "-", ">= 0.80"));
            table.put("ZIP / raw over HTTP", row(String.format(Locale.ROOT, "%.2f", zipMedian / rawHttpMedian), "-",
                    ">= 0.80"));
            table.put("Same instances one by one, WADO-RS under the share (MB/s)", row(fmt(median(each)), "-", ""));
            System.out.println("[bench] ZIP runs (MB/s): " + zip + "; raw: " + raw + "; raw over HTTP: " + rawHttp
                    + "; WADO-RS one by one: " + each
                    + (orthanc != null ? "; Orthanc archive: " + peer : ""));
        } finally {
            if (orthanc != null) {
                orthanc.close();
            }
            smtp.stop();
        }
        print(loadBefore);
    }

    // --- the browser -------------------------------------------------------------------------------------------

    private record Timing(double ms, String how) {
    }

    /** Opens the link as the physician would; clicks "View images" when a landing page shows it first. */
    private Timing openShare(Browser browser, String link) {
        browser.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        browser.driver.get(link);
        WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(60), Duration.ofMillis(20));
        Object landingOrViewer = wait.until(d -> {
            Map<?, ?> painted = painted(browser);
            if (painted != null) {
                return painted;
            }
            List<WebElement> view = d.findElements(By.cssSelector("a#viewImages, a[href$='/viewer']"));
            return view.isEmpty() ? null : view.get(0);
        });
        if (landingOrViewer instanceof Map<?, ?> painted) {
            return new Timing(ms(painted), "the link opens the viewer directly; first image on " + painted.get("what"));
        }
        double landing = ((Number) browser.driver.executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd || n.domContentLoadedEventEnd;"))
                .doubleValue();
        String landingUrl = browser.driver.getCurrentUrl();
        ((WebElement) landingOrViewer).click();
        wait.until(d -> !d.getCurrentUrl().equals(landingUrl) || painted(browser) != null);
        Map<?, ?> painted = wait.until(d -> painted(browser));
        double viewer = ms(painted);
        return new Timing(landing + viewer, String.format(Locale.ROOT, "landing page (%.0f ms to load) + click on "
                + "\"View images\" + viewer; first image on %s", landing, painted.get("what")));
    }

    private Timing openOrthanc(Browser browser, String url) {
        browser.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        browser.driver.get(url);
        Map<?, ?> painted = new WebDriverWait(browser.driver, Duration.ofSeconds(60), Duration.ofMillis(20))
                .until(d -> painted(browser));
        return new Timing(ms(painted), "first image on " + painted.get("what"));
    }

    /**
     * Where the time to the first image went, from the page's Navigation and Resource Timing (ms from the
     * navigation start): the document's request, first byte and last byte, DOMContentLoaded, and start, first
     * byte and end of each resource (path shortened), then the painted mark.
     */
    private static String timeline(Browser browser) {
        Object text = browser.driver.executeScript("""
                const n = performance.getEntriesByType('navigation')[0];
                const f = (v) => Math.round(v);
                const short = (u) => { const p = new URL(u).pathname; return p.length > 40 ? '…' + p.slice(-39) : p; };
                let out = 'document ' + f(n.requestStart) + '→' + f(n.responseStart) + '→' + f(n.responseEnd)
                    + ', DOMContentLoaded ' + f(n.domContentLoadedEventEnd);
                for (const r of performance.getEntriesByType('resource')) {
                  out += '; ' + short(r.name) + ' ' + f(r.startTime) + '→' + f(r.responseStart) + '→' + f(r.responseEnd)
                      + (r.transferSize ? ' (' + Math.round(r.transferSize / 1024) + ' KB)' : '');
                }
                const p = window.__benchPainted;
                return out + (p ? '; painted ' + f(p.ms) : '');
                """);
        return String.valueOf(text);
    }

    private static Map<?, ?> painted(Browser browser) {
        Object value = browser.driver.executeScript("return window.__benchPainted || null;");
        return value instanceof Map<?, ?> m ? m : null;
    }

    private static double ms(Map<?, ?> painted) {
        return ((Number) painted.get("ms")).doubleValue();
    }

    /** The first resource of the current page whose URL contains {@code part}, e.g. the first rendered frame. */
    private static String firstResource(Browser browser, String part) {
        Object url = browser.driver.executeScript("return (performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(n => n.includes(arguments[0]))[0]) || null;", part);
        return (String) url;
    }

    // --- wrk, curl, raw reads ----------------------------------------------------------------------------------

    /**
     * "p50 / p99 ms, req/s" of wrk -t2 -c50 -d10s on the URL (non-2xx answers make it fail); a 10 s timeout
     * instead of wrk's 2 s, so slow answers count in the percentiles rather than vanish as timeouts.
     */
    private String wrk(String url) throws Exception {
        String out = exec(List.of(WRK.toString(), "-t2", "-c50", "-d10s", "--timeout", "10s", "--latency", url));
        assertThat(out).as("wrk on " + url + ": every answer 2xx\n" + out).doesNotContain("Non-2xx");
        System.out.println("[bench] wrk " + url.replaceAll("/s/[A-Za-z0-9_-]{43}", "/s/<token>") + ":");
        out.lines().filter(l -> l.contains("%") || l.contains("Requests/sec") || l.contains("requests in")
                || l.contains("Socket errors")).forEach(l -> System.out.println("[bench]   " + l.strip()));
        Matcher timeouts = Pattern.compile("timeout (\\d+)").matcher(out);
        return String.format(Locale.ROOT, "%.0f / %.0f, %.0f/s%s", latency(out, "50%"), latency(out, "99%"),
                Double.parseDouble(out.replaceAll("(?s).*Requests/sec:\\s*([0-9.]+).*", "$1")),
                timeouts.find() && !"0".equals(timeouts.group(1)) ? ", " + timeouts.group(1) + " timeouts" : "");
    }

    private static double latency(String wrk, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(wrk);
        assertThat(m.find()).as(percentile + " in " + wrk).isTrue();
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    /** MB/s of one curl download to /dev/null (fails on a non-200 answer). */
    private static double curl(String url) throws Exception {
        String[] out = exec(List.of("curl", "-sS", "-f", "-o", "/dev/null", "-w", "%{size_download} %{time_total}",
                url)).strip().split(" ");
        return Double.parseDouble(out[0]) / 1e6 / Double.parseDouble(out[1]);
    }

    /** MB/s of one curl run over every URL of a config file (one connection, one request after the other). */
    private static double curlConfig(Path config) throws Exception {
        long start = System.nanoTime();
        String out = exec(List.of("curl", "-sS", "-f", "-K", config.toString(), "-w", "%{size_download}\\n"));
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = out.lines().filter(l -> !l.isBlank()).mapToLong(Long::parseLong).sum();
        assertThat(out.lines().filter(l -> !l.isBlank()).count()).as("one answer per instance").isEqualTo(SLICES);
        return bytes / 1e6 / seconds;
    }

    /** A curl config with the WADO-RS instance URL under the share of every instance of the study. */
    private Path wadoUrls(Path tmp, String link, String studyUid) throws Exception {
        JsonArray instances = json(send("GET", link + "/dicomweb/studies/" + studyUid + "/instances", null, null, 200))
                .asJsonArray();
        assertThat(instances).hasSize(SLICES);
        StringBuilder config = new StringBuilder();
        for (JsonValue v : instances) {
            JsonObject i = v.asJsonObject();
            config.append("url = \"").append(link).append("/dicomweb/studies/").append(studyUid).append("/series/")
                    .append(tag(i, "0020000E")).append("/instances/").append(tag(i, "00080018"))
                    .append("\"\noutput = \"/dev/null\"\n");
        }
        Path file = tmp.resolve("wado-urls.txt");
        Files.writeString(file, config);
        return file;
    }

    private static String tag(JsonObject dicomJson, String tag) {
        return dicomJson.getJsonObject(tag).getJsonArray("Value").getString(0);
    }

    /** Seconds to read the files with cat into /dev/null. */
    private static double readRaw(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("cat"));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        long start = System.nanoTime();
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as("cat of the stored files").isTrue();
        return (System.nanoTime() - start) / 1e9;
    }

    // --- ImageShare over HTTP ----------------------------------------------------------------------------------

    private String send(String method, String url, String authorization, String json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + url.replaceAll("/s/[A-Za-z0-9_-]{43}", "/s/<token>")
                + ": " + answer.body()).isEqualTo(expected);
        return answer.body();
    }

    private static JsonValue json(String body) {
        return Json.createReader(new StringReader(body)).readValue();
    }

    private static String quoteUnlessNumber(String value) {
        return value.matches("-?\\d+") ? value : "\"" + value + "\"";
    }

    private static String basic(RunningImageShare.Instance app) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (app.adminUser() + ":" + app.adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    /** Releases the study to the patient now (retried while the last instances are still being indexed). */
    private void release(RunningImageShare.Instance app, String studyUid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/studies/"
                    + studyUid + "/release"))).header("Authorization", basic(app))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return;
            }
            assertThat(System.nanoTime()).as("release: " + answer.statusCode() + " " + answer.body()).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static void storescu(String aet, int port, List<String> files) throws Exception {
        List<String> store = new ArrayList<>(List.of("storescu", "-aet", "BENCH", "-aec", aet, "127.0.0.1",
                Integer.toString(port)));
        store.addAll(files);
        long sent = System.nanoTime();
        exec(store);
        System.out.printf(Locale.ROOT, "[bench] %d slices stored in %s in %.1f s%n", files.size(), aet,
                (System.nanoTime() - sent) / 1e9);
    }

    private static String linkFromMail(GreenMail smtp, String recipient) throws Exception {
        for (int i = 0; i < 120; i++) {
            for (MimeMessage mail : smtp.getReceivedMessages()) {
                if (mail.getAllRecipients()[0].toString().equals(recipient)) {
                    Object content = mail.getContent();
                    String text = content instanceof MimeMultipart parts ? (String) parts.getBodyPart(0).getContent()
                            : content.toString();
                    Matcher link = LINK.matcher(text);
                    assertThat(link.find()).as("a link in the physician's mail").isTrue();
                    return link.group(1);
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no mail to the physician within 60 s");
    }

    // --- Orthanc -----------------------------------------------------------------------------------------------

    /** Orthanc with the web viewer plugin, own config on free ports, TCP_NODELAY=1. */
    private static final class Orthanc implements AutoCloseable {
        final Process process;
        final int dicomPort;
        final int httpPort;

        private Orthanc(Process process, int dicomPort, int httpPort) {
            this.process = process;
            this.dicomPort = dicomPort;
            this.httpPort = httpPort;
        }

        String url(String path) {
            return "http://127.0.0.1:" + httpPort + path;
        }

        static Orthanc startIfInstalled(Path dir) throws Exception {
            Path orthanc = Path.of("/usr/sbin/Orthanc");
            Path plugin = webViewerPlugin();
            if (!Files.isExecutable(orthanc) || plugin == null) {
                System.out.println("[bench] Orthanc or its web viewer plugin is not installed (apt-get install orthanc "
                        + "orthanc-webviewer): the benchmark runs WITHOUT Orthanc");
                return null;
            }
            Files.createDirectories(dir.resolve("storage"));
            int dicom = freePort();
            int httpPort = freePort();
            Path config = dir.resolve("orthanc.json");
            Files.writeString(config, """
                    {
                      "Name": "bench",
                      "StorageDirectory": "%s",
                      "IndexDirectory": "%s",
                      "DicomAet": "ORTHANC",
                      "DicomPort": %d,
                      "HttpPort": %d,
                      "RemoteAccessAllowed": false,
                      "AuthenticationEnabled": false,
                      "Plugins": [ "%s" ]
                    }
                    """.formatted(dir.resolve("storage"), dir.resolve("storage"), dicom, httpPort, plugin));
            ProcessBuilder pb = new ProcessBuilder(orthanc.toString(), config.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("orthanc.log").toFile());
            pb.environment().put("TCP_NODELAY", "1");
            Orthanc started = new Orthanc(pb.start(), dicom, httpPort);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && started.process.isAlive()) {
                try {
                    HttpResponse<String> plugins = client.send(HttpRequest.newBuilder(URI.create(started.url("/plugins")))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (plugins.statusCode() == 200) {
                        assertThat(plugins.body()).as("Orthanc loaded the web viewer plugin").contains("web-viewer");
                        String version = json(client.send(HttpRequest.newBuilder(URI.create(started.url("/system")))
                                .build(), HttpResponse.BodyHandlers.ofString()).body()).asJsonObject().getString("Version");
                        System.out.println("[bench] Orthanc " + version + " with " + plugin + " (DICOM " + dicom
                                + ", HTTP " + httpPort + ", TCP_NODELAY=1)");
                        return started;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            started.close();
            throw new IllegalStateException("Orthanc did not start within 60 s: "
                    + Files.readString(dir.resolve("orthanc.log")));
        }

        /** The plugin's .so from the Debian package's file list. */
        private static Path webViewerPlugin() {
            try {
                Process p = new ProcessBuilder("dpkg", "-L", "orthanc-webviewer").redirectErrorStream(true).start();
                String list = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return list.lines().filter(l -> l.contains("/plugins/") && l.endsWith(".so")).map(Path::of)
                            .filter(Files::exists).findFirst().orElse(null);
                }
            } catch (IOException | InterruptedException e) {
                // no dpkg: look at the usual place
            }
            return Files.exists(WEBVIEWER_PLUGIN_FALLBACK) ? WEBVIEWER_PLUGIN_FALLBACK : null;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    // --- figures -----------------------------------------------------------------------------------------------

    private static String row(String imageshare, String orthanc, String target) {
        return imageshare + "\t" + orthanc + "\t" + target;
    }

    private void print(String loadBefore) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Viewer benchmark: %d-slice CT (512x512, 16 bit), %d browser runs per product "
                + "(first cold), headless Chromium, loopback; %d cores, load average before %s, after %s%n",
                SLICES, RUNS, Runtime.getRuntime().availableProcessors(), loadBefore, load());
        System.out.println();
        System.out.printf("| %-64s | %-26s | %-26s | %-20s |%n", "", "ImageShare", "Orthanc", "target");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(66), "-".repeat(28), "-".repeat(28), "-".repeat(22));
        table.forEach((what, values) -> {
            String[] v = values.split("\t", -1);
            System.out.printf("| %-64s | %-26s | %-26s | %-20s |%n", what, v[0], v[1], v[2]);
        });
        System.out.println();
    }

    private static String stats(List<Double> times) {
        List<Double> warm = times.subList(1, times.size()).stream().sorted().toList();
        if (warm.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", warm.get(warm.size() / 2), warm.get(0),
                warm.get(warm.size() - 1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as(command.get(0) + " timed out").isTrue();
        assertThat(p.exitValue()).as(command.get(0) + ": " + out.replaceAll("/s/[A-Za-z0-9_-]{43}", "/s/<token>"))
                .isZero();
        return out;
    }
}
