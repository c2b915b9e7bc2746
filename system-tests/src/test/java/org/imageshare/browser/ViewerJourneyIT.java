// SPDX-License-Identifier: Apache-2.0
package org.imageshare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The viewer on the running application: two enrolled patients each get a CT stack over DICOM (DCMTK
 * storescu), staff release them; the REST resources serve a patient their own study and answer 404 for the
 * other's; in Chromium the patient opens the CT from My studies, the first image is painted, ArrowDown shows
 * the next slice, and a window/level drag changes the pixels on the canvas. Screenshots to docs/screenshots/.
 */
@ExtendWith(RunningImageShare.class)
class ViewerJourneyIT {

    private static final Path CT_SMALL = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");
    private static final String BIRTH_DATE = "1985-03-27";
    private static final int SLICES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Patient(String accountNumber, String pin, String token, String studyUid, List<String> sopUids) {
    }

    static Patient alice;
    static Patient bob;

    @BeforeAll
    static void twoPatientsWithACtEach(RunningImageShare.Instance app, @org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        alice = patientWithCt(app, tmp.resolve("alice"));
        bob = patientWithCt(app, tmp.resolve("bob"));
    }

    @Test
    void endpointsServeThePatientsOwnReleasedStudiesOnly(RunningImageShare.Instance app) throws Exception {
        String base = "/api/v1/patient/viewer/studies/";
        long viewedBefore = viewedLines(app, alice);
        HttpResponse<String> series = get(app, base + alice.studyUid() + "/series", alice.token());
        assertThat(series.statusCode()).isEqualTo(200);
        JsonArray list = Json.createReader(new StringReader(series.body())).readArray();
        assertThat(list).hasSize(1);
        JsonObject first = list.getJsonObject(0);
        assertThat(first.getInt("numberOfInstances")).isEqualTo(SLICES);
        String seriesUid = first.getString("seriesInstanceUid");
        // opening the study is in the patient's own access log, once (not per image)
        assertThat(viewedLines(app, alice)).isEqualTo(viewedBefore + 1);
        assertThat(first.getString("firstSopInstanceUid")).isEqualTo(alice.sopUids().get(0));

        JsonArray instances = Json.createReader(new StringReader(
                get(app, base + alice.studyUid() + "/series/" + seriesUid + "/instances", alice.token()).body()))
                .readArray();
        assertThat(instances).hasSize(SLICES);
        for (int i = 0; i < SLICES; i++) {
            assertThat(instances.getJsonObject(i).getInt("instanceNumber")).isEqualTo(i + 1);
            assertThat(instances.getJsonObject(i).getString("sopInstanceUid")).isEqualTo(alice.sopUids().get(i));
        }

        String frame = base + alice.studyUid() + "/instances/" + alice.sopUids().get(0) + "/frames/1/rendered";
        HttpResponse<byte[]> png = getBytes(app, frame, alice.token());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.headers().firstValue("X-Window-Center")).hasValue("40");
        assertThat(png.headers().firstValue("X-Window-Width")).hasValue("400");
        assertThat(ImageIO.read(new ByteArrayInputStream(png.body())).getWidth()).isEqualTo(128);
        HttpResponse<byte[]> lung = getBytes(app, frame + "?wc=-600&ww=1500&size=64", alice.token());
        assertThat(lung.statusCode()).isEqualTo(200);
        assertThat(lung.headers().firstValue("X-Window-Width")).hasValue("1500");
        assertThat(ImageIO.read(new ByteArrayInputStream(lung.body())).getWidth()).isEqualTo(64);
        assertThat(getBytes(app, base + alice.studyUid() + "/series/" + seriesUid + "/thumbnail", alice.token())
                .statusCode()).isEqualTo(200);
        assertThat(getBytes(app, frame + "?wc=40&ww=0", alice.token()).statusCode()).isEqualTo(400);
        assertThat(getBytes(app, frame.replace("/frames/1/", "/frames/2/"), alice.token()).statusCode())
                .as("a frame the object does not have").isEqualTo(422);

        // someone else's study: not found, whether asked directly or through one's own study
        assertThat(get(app, base + bob.studyUid() + "/series", alice.token()).statusCode()).isEqualTo(404);
        assertThat(getBytes(app, base + bob.studyUid() + "/instances/" + bob.sopUids().get(0) + "/frames/1/rendered",
                alice.token()).statusCode()).isEqualTo(404);
        assertThat(getBytes(app, base + alice.studyUid() + "/instances/" + bob.sopUids().get(0)
                + "/frames/1/rendered", alice.token()).statusCode()).isEqualTo(404);
        assertThat(get(app, base + "1.2.3.4.5/series", alice.token()).statusCode()).isEqualTo(404);
        // nobody signed in
        assertThat(getBytes(app, frame, null).statusCode()).isEqualTo(401);

        // access is checked on every request: a study put on hold disappears at once
        assertThat(staff(app, "/api/v1/studies/" + alice.studyUid() + "/hold").statusCode()).isEqualTo(200);
        assertThat(getBytes(app, frame, alice.token()).statusCode()).isEqualTo(404);
        assertThat(staff(app, "/api/v1/studies/" + alice.studyUid() + "/release").statusCode()).isEqualTo(200);
        assertThat(getBytes(app, frame, alice.token()).statusCode()).isEqualTo(200);
        assertThat(viewedLines(app, alice)).as("frames and thumbnails add no audit line").isEqualTo(viewedBefore + 1);
    }

    private static long viewedLines(RunningImageShare.Instance app, Patient patient) {
        HttpResponse<String> log = get(app, "/api/v1/patient/access-log", patient.token());
        assertThat(log.statusCode()).isEqualTo(200);
        return Json.createReader(new StringReader(log.body())).readArray().stream()
                .filter(l -> "STUDY_VIEWED".equals(l.asJsonObject().getString("action"))).count();
    }

    @Test
    void patientOpensTheCtScrollsAndChangesTheWindow(RunningImageShare.Instance app) {
        try (Browser browser = new Browser(app)) {
            browser.open("/index.xhtml");
            browser.type("signin:accountNumber", alice.accountNumber());
            browser.type("signin:pin", alice.pin());
            browser.type("signin:day", "27");
            browser.type("signin:month", "3");
            browser.type("signin:year", "1985");
            browser.click("signin:signIn");
            browser.awaitPath("/patient/index.xhtml");
            browser.wait.until(ExpectedConditions.elementToBeClickable(By.linkText("View images"))).click();
            browser.awaitPath("/patient/viewer.html");
            WebElement viewer = browser.byId("viewer");
            browser.wait.until(d -> "painted".equals(viewer.getAttribute("data-state")));
            assertThat(viewer.getAttribute("data-index")).isEqualTo("0");
            Object firstPaint = ((JavascriptExecutor) browser.driver).executeScript(
                    "return window.__imageshareFirstPaint");
            System.out.printf("viewer: first CT image painted %.0f ms after the viewer page started loading%n",
                    ((Number) firstPaint).doubleValue());
            browser.wait.until(ExpectedConditions.textToBe(By.id("ov-image"), "Image 1 / " + SLICES));
            browser.wait.until(d -> String.valueOf(SLICES).equals(viewer.getAttribute("data-images")));
            assertThat(browser.byId("ov-window").getText()).contains("W 400").contains("L 40");
            assertThat(browser.driver.findElements(By.cssSelector("#strip button img"))).hasSize(1);
            String firstSlice = canvasDigest(browser);
            browser.screenshot("viewer-ct");

            browser.driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_DOWN);
            browser.wait.until(d -> "1".equals(viewer.getAttribute("data-index"))
                    && "painted".equals(viewer.getAttribute("data-state")));
            assertThat(browser.byId("ov-image").getText()).isEqualTo("Image 2 / " + SLICES);
            browser.wait.until(d -> !canvasDigest(browser).equals(firstSlice));
            String secondSlice = canvasDigest(browser);

            WebElement canvas = browser.byId("canvas");
            new Actions(browser.driver).moveToElement(canvas).clickAndHold().moveByOffset(60, 0).moveByOffset(60, 40)
                    .release().perform();
            browser.wait.until(d -> !"40/400".equals(viewer.getAttribute("data-window"))
                    && "painted".equals(viewer.getAttribute("data-state")));
            browser.wait.until(d -> !canvasDigest(browser).equals(secondSlice));
            assertThat(viewer.getAttribute("data-index")).as("a drag does not change the slice").isEqualTo("1");
            assertThat(browser.byId("ov-window").getText()).doesNotContain("W 400 ");
            browser.screenshot("viewer-ct-window");

            new org.openqa.selenium.support.ui.Select(browser.byId("preset")).selectByVisibleText("Lung");
            browser.wait.until(d -> "-600/1500".equals(viewer.getAttribute("data-window")));

            browser.emulatePhone();
            browser.driver.navigate().refresh();
            WebElement again = browser.byId("viewer");
            browser.wait.until(d -> "painted".equals(again.getAttribute("data-state")));
            browser.screenshot("viewer-ct-phone");
        }
        // the opening is in the audit trail (and so in the patient's access log)
        try (Browser staff = new Browser(app)) {
            staff.signInStaff(app.adminUser(), app.adminPassword());
            staff.open("/staff/admin/audit.xhtml");
            staff.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit:lines"), "STUDY_VIEWED"));
        }
    }

    /** A digest of the canvas pixels (sum and a rolling hash), computed in the page. */
    private static String canvasDigest(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver).executeScript(
                "const c = document.getElementById('canvas');"
                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let s = 0, h = 0; for (let i = 0; i < d.length; i += 4) { s += d[i]; h = (h * 31 + d[i]) | 0; }"
                        + "return s + ':' + h;");
    }

    // --- set-up: enrol, send a CT over DICOM, release

    static Patient patientWithCt(RunningImageShare.Instance app, Path dir) throws Exception {
        String patientId = "VW-" + (100000 + RANDOM.nextInt(900000));
        String body = Json.createObjectBuilder().add("patientId", patientId).add("issuer", "HOSP")
                .add("familyName", "Viewer").add("givenName", "Test").add("birthDate", BIRTH_DATE).build().toString();
        HttpResponse<String> enrolled = send(app, HttpRequest.newBuilder(URI.create(app.url("/api/v1/enrolments")))
                .header("Authorization", basic(app)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        JsonObject enrolment = Json.createReader(new StringReader(enrolled.body())).readObject();
        String account = enrolment.getString("accountNumber");
        String pin = enrolment.getString("pin");

        String studyUid = newUid();
        String seriesUid = newUid();
        Files.createDirectories(dir);
        List<String> sops = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 1; i <= SLICES; i++) {
            Path slice = dir.resolve("ct" + i + ".dcm");
            Files.copy(CT_SMALL, slice, StandardCopyOption.REPLACE_EXISTING);
            String sop = newUid();
            // each slice shifted by its own rescale intercept, so that consecutive slices look different
            exec("dcmodify", "-nb", "-i", "(0010,0020)=" + patientId, "-i", "(0010,0021)=HOSP",
                    "-i", "(0020,000D)=" + studyUid, "-i", "(0020,000E)=" + seriesUid, "-i", "(0008,0018)=" + sop,
                    "-i", "(0020,0013)=" + i, "-i", "(0028,1050)=40", "-i", "(0028,1051)=400",
                    "-i", "(0028,1052)=" + (-1024 + 60 * i), slice.toString());
            sops.add(sop);
            files.add(slice.toString());
        }
        List<String> storescu = new ArrayList<>(List.of("storescu", "-aet", "VIEWERIT", "-aec", "IMAGESHARE",
                "localhost", Integer.toString(app.dicomPort())));
        storescu.addAll(files);
        exec(storescu.toArray(String[]::new));
        assertThat(staff(app, "/api/v1/studies/" + studyUid + "/release").statusCode()).isEqualTo(200);

        String login = Json.createObjectBuilder().add("accountNumber", account).add("pin", pin)
                .add("birthDate", BIRTH_DATE).build().toString();
        HttpResponse<String> signedIn = send(app, HttpRequest.newBuilder(URI.create(app.url("/api/v1/patient/login")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        String token = Json.createReader(new StringReader(signedIn.body())).readObject().getString("token");
        return new Patient(account, pin, token, studyUid, sops);
    }

    private static String newUid() {
        UUID u = UUID.randomUUID();
        BigInteger value = new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
        return "2.25." + value;
    }

    private static HttpResponse<String> staff(RunningImageShare.Instance app, String path) {
        return send(app, HttpRequest.newBuilder(URI.create(app.url(path))).header("Authorization", basic(app))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static String basic(RunningImageShare.Instance app) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (app.adminUser() + ":" + app.adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(RunningImageShare.Instance app, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url(path))).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(app, b.GET());
    }

    private static HttpResponse<byte[]> getBytes(RunningImageShare.Instance app, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(RunningImageShare.Instance app, HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command.length > 6 ? List.of(command).subList(0, 6)
                : List.of(command)) + ": " + out).isZero();
    }
}
