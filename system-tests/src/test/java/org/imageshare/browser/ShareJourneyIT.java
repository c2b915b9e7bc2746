// SPDX-License-Identifier: Apache-2.0
package org.imageshare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
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
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Sharing end to end on a dedicated running ImageShare with a real SMTP server (GreenMail) and Chromium: a study
 * arrives over DICOM (DCMTK storescu; release delay PT0S); the patient signs in, agrees, shares it with an access
 * code; the physician's mail arrives with the link and no patient data; the physician opens the link from the
 * mail, enters the code and sees the study, views it (first image painted, ArrowDown to the next slice, a
 * window/level drag) and downloads the ZIP with the grant cookie; a tampered link gets the neutral 404; the patient
 * sees the open, the view and the download in the access log and revokes the link, which then answers 404.
 * Screenshots to docs/screenshots/.
 */
class ShareJourneyIT {

    private static final Path CT = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");
    private static final String DESCRIPTION = "Left knee Zebrafinch";
    private static final int SLICES = 3;
    private static final String FAMILY = "Kowalská";
    private static final String GIVEN = "Łucja";
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/s/[A-Za-z0-9_-]{43})");

    private static GreenMail smtp;
    private static RunningImageShare.Dedicated server;
    private static int dicomPort;

    @BeforeAll
    static void start() throws IOException {
        int smtpPort = freePort();
        dicomPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        server = RunningImageShare.startDedicated("share-journey", Map.of(
                "IMAGESHARE_SMTP_HOST", "127.0.0.1",
                "IMAGESHARE_SMTP_PORT", Integer.toString(smtpPort),
                "IMAGESHARE_HOSPITAL_NAME", "St. Example",
                "IMAGESHARE_HELP_CONTACT", "the imaging desk, +41 00 000 00 00",
                "IMAGESHARE_RELEASE_DELAY", "PT0S",
                "IMAGESHARE_DICOM_PORT", Integer.toString(dicomPort)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aPatientSharesAStudyAndAPhysicianOpensItWithTheAccessCode() throws Exception {
        RunningImageShare.Instance app = server.instance();
        String patientId = "SJ-" + UUID.randomUUID().toString().substring(0, 12);
        String patientMail = "patient-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String doctorMail = "dr-" + UUID.randomUUID().toString().substring(0, 8) + "@clinic.example";
        JsonObject enrolment = enrol(app, patientId, patientMail);
        storeStudy(patientId);

        String code;
        try (Browser patient = new Browser(app)) {
            signIn(patient, enrolment.getString("accountNumber"), enrolment.getString("pin"));
            patient.click("consentForm:agree");
            patient.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("consent"), "You agreed on"));
            patient.click("consentForm:shareLink");
            patient.awaitPath("/patient/shares.xhtml");
            assertThat(patient.heading()).isEqualTo("Share your images");
            patient.driver.findElement(By.cssSelector("label[for='shareForm:studies:0']")).click();
            patient.type("shareForm:recipientEmail", doctorMail);
            patient.type("shareForm:expiresInDays", "14");
            patient.driver.findElement(By.cssSelector("#shareForm\\:accessCode .ui-chkbox-box")).click();
            patient.screenshot("patient-share-dialog");
            patient.click("shareForm:send");
            code = patient.byId("shareForm:accessCodeValue").getText().strip();
            assertThat(code).matches("\\d{6}");
            patient.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("links"), doctorMail));
            assertThat(patient.byId("links").getText()).contains("Active").contains("opened 0 times");
            patient.screenshot("patient-share-sent");
        }

        String link = linkFromMailTo(doctorMail);
        assertThat(link).startsWith(app.baseUrl().toString() + "/s/");

        String grantCookie;
        try (Browser physician = new Browser(app)) {
            physician.driver.get(link);
            assertThat(physician.heading()).isEqualTo("Enter the access code");
            physician.type("accessCode", code.equals("000000") ? "111111" : "000000");
            physician.click("submitCode");
            assertThat(physician.byId("wrong-code").getText()).contains("not right");
            physician.type("accessCode", code);
            physician.click("submitCode");
            assertThat(physician.heading()).isEqualTo("Shared images");
            String page = physician.byId("shared").getText();
            assertThat(page).contains(DESCRIPTION).contains("CT").contains("2004-01-19").contains(SLICES + " images");
            assertThat(page).doesNotContain(FAMILY).doesNotContain(patientId);
            assertThat(physician.byId("viewImages").getAttribute("href")).endsWith("/viewer");
            assertThat(physician.byId("downloadZip").getAttribute("href")).endsWith("/download");
            physician.screenshot("physician-landing");
            physician.driver.navigate().refresh();
            assertThat(physician.heading()).as("the grant cookie spares the code on the next request")
                    .isEqualTo("Shared images");

            // the viewer under the link: first image painted, ArrowDown to the next slice, a drag changes the window
            physician.click("viewImages");
            physician.wait.until(d -> d.getCurrentUrl().contains("/viewer?study="));
            WebElement viewer = physician.byId("viewer");
            physician.wait.until(d -> "painted".equals(viewer.getAttribute("data-state")));
            assertThat(physician.driver.findElements(By.id("first")))
                    .as("the page's own first image gives way once the canvas shows one").isEmpty();
            assertThat(viewer.getAttribute("data-index")).isEqualTo("0");
            assertThat(viewer.getAttribute("data-window")).as("the slice's own window (C 40, W 400)").isEqualTo("40/400");
            Map<?, ?> firstImage = (Map<?, ?>) ((JavascriptExecutor) physician.driver).executeScript("""
                    const data = JSON.parse(document.getElementById('viewer-data').textContent);
                    const sop = data.series[0].firstSopInstanceUid;
                    return {rendered: 'first' in data, requests: performance.getEntriesByType('resource')
                        .filter(r => r.name.includes('/instances/' + sop + '/frames/1/rendered')).length};""");
            if (Boolean.TRUE.equals(firstImage.get("rendered"))) {
                // rendered in the background when the link was made: the page's <img> is drawn, not fetched again
                assertThat(((Number) firstImage.get("requests")).intValue()).as("requests for the first image")
                        .isEqualTo(1);
            }
            physician.wait.until(ExpectedConditions.textToBe(By.id("ov-image"), "Image 1 / " + SLICES));
            String firstSlice = canvasDigest(physician);
            assertThat(Long.parseLong(firstSlice.split(":")[0])).as("the canvas is not blank").isPositive();
            physician.screenshot("physician-viewer");
            physician.driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_DOWN);
            physician.wait.until(d -> "1".equals(viewer.getAttribute("data-index"))
                    && "painted".equals(viewer.getAttribute("data-state")));
            assertThat(physician.byId("ov-image").getText()).isEqualTo("Image 2 / " + SLICES);
            physician.wait.until(d -> !canvasDigest(physician).equals(firstSlice));
            String secondSlice = canvasDigest(physician);
            String window = viewer.getAttribute("data-window");
            new Actions(physician.driver).moveToElement(physician.byId("canvas")).clickAndHold().moveByOffset(60, 0)
                    .moveByOffset(60, 40).release().perform();
            physician.wait.until(d -> !window.equals(viewer.getAttribute("data-window"))
                    && "painted".equals(viewer.getAttribute("data-state")));
            physician.wait.until(d -> !canvasDigest(physician).equals(secondSlice));
            physician.screenshot("physician-viewer-window");

            // the download, with the browser's grant cookie (the code was entered once)
            Cookie grant = physician.driver.manage().getCookieNamed("IMAGESHARE_SHARE_GRANT");
            assertThat(grant).isNotNull();
            grantCookie = grant.getName() + "=" + grant.getValue();
            assertThat(get(link + "/dicomweb/studies", grantCookie).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link + "/download"))
                    .header("Cookie", grantCookie).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(zip.statusCode()).isEqualTo(200);
            assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
            assertThat(zipEntries(zip.body())).contains("DICOMDIR", "README.TXT")
                    .filteredOn(n -> n.startsWith("DICOM/")).hasSize(SLICES);
            assertThat(get(link + "/download").statusCode()).as("no grant cookie, no download").isEqualTo(404);
            physician.driver.navigate().back();

            String tampered = link.substring(0, link.length() - 1) + (link.endsWith("A") ? "B" : "A");
            HttpResponse<String> dead = get(tampered);
            HttpResponse<String> unknown = get(app.url("/s/" + "Q".repeat(43)));
            assertThat(dead.statusCode()).isEqualTo(404);
            assertThat(dead.body()).isEqualTo(unknown.body());
            assertThat(dead.headers().firstValue("X-Robots-Tag")).hasValue("noindex, nofollow");
            assertThat(dead.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            physician.driver.get(tampered);
            assertThat(physician.heading()).isEqualTo("This link is not available");
            physician.screenshot("physician-link-unavailable");
        }

        try (Browser patient = new Browser(app)) {
            signIn(patient, enrolment.getString("accountNumber"), enrolment.getString("pin"));
            patient.click("consentForm:accessLogLink");
            patient.awaitPath("/patient/access-log.xhtml");
            String log = patient.byId("log").getText();
            assertThat(log).contains("LINK_OPENED").contains("ACCESS_CODE_FAILED").contains("SHARE_CREATED")
                    .contains("STUDY_VIEWED").contains("STUDY_DOWNLOADED");
            patient.screenshot("patient-access-log");

            patient.open("/patient/shares.xhtml");
            assertThat(patient.byId("links").getText()).contains("opened 1 time");
            patient.click("links:list:0:revoke");
            patient.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
            patient.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("links"), "Revoked"));

            patient.emulatePhone();
            patient.open("/patient/shares.xhtml");
            assertThat(patient.heading()).isEqualTo("Share your images");
            long overflow = ((Number) patient.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
            assertThat(overflow).as("horizontal overflow in px on a phone").isLessThanOrEqualTo(0);
            patient.screenshot("patient-shares-phone");
        }
        assertThat(get(link).statusCode()).as("revoked: dead at once").isEqualTo(404);
        for (String path : List.of("/viewer", "/download", "/dicomweb/studies")) {
            assertThat(get(link + path, grantCookie).statusCode()).as("revoked, even with the grant: " + path)
                    .isEqualTo(404);
        }
        assertThat(smtp.waitForIncomingEmail(20_000, 3)).as("welcome, link, first-open mail").isTrue();
    }

    private static String linkFromMailTo(String recipient) throws Exception {
        for (int i = 0; i < 60; i++) {
            for (MimeMessage mail : smtp.getReceivedMessages()) {
                if (!mail.getAllRecipients()[0].toString().equals(recipient)) {
                    continue;
                }
                MimeMultipart parts = (MimeMultipart) mail.getContent();
                assertThat(parts.getCount()).isEqualTo(2);
                String text = (String) parts.getBodyPart(0).getContent();
                String html = (String) parts.getBodyPart(1).getContent();
                for (String phi : List.of(FAMILY, GIVEN, "Kowal", patientIdPrefix(), "1985", DESCRIPTION, "Zebrafinch")) {
                    assertThat(text + html + mail.getSubject()).as("no patient data in the mail").doesNotContain(phi);
                }
                assertThat(text).contains("St. Example").contains("the imaging desk").contains("access code");
                Matcher link = LINK.matcher(text);
                assertThat(link.find()).as(text).isTrue();
                assertThat(html).contains("href=\"" + link.group(1) + "\"");
                return link.group(1);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no mail to " + recipient + " within 30 s; received "
                + Arrays.stream(smtp.getReceivedMessages()).map(m -> {
                    try {
                        return m.getAllRecipients()[0].toString();
                    } catch (Exception e) {
                        return "?";
                    }
                }).toList());
    }

    private static String patientIdPrefix() {
        return "SJ-";
    }

    private static void signIn(Browser browser, String accountNumber, String pin) {
        browser.open("/index.xhtml");
        browser.type("signin:accountNumber", accountNumber);
        browser.type("signin:pin", pin);
        browser.type("signin:day", "27");
        browser.type("signin:month", "3");
        browser.type("signin:year", "1985");
        browser.click("signin:signIn");
        browser.awaitPath("/patient/index.xhtml");
    }

    private static JsonObject enrol(RunningImageShare.Instance app, String patientId, String email) throws Exception {
        String body = Json.createObjectBuilder().add("patientId", patientId).add("issuer", "HOSP")
                .add("familyName", FAMILY).add("givenName", GIVEN).add("birthDate", "1985-03-27")
                .add("email", email).build().toString();
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(app.url("/api/v1/enrolments")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (app.adminUser() + ":" + app.adminPassword()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.createReader(new StringReader(created.body())).readObject();
    }

    /** A CT series of {@link #SLICES} slices, each with its own rescale intercept so that they look different. */
    private static void storeStudy(String patientId) throws Exception {
        Path first = Files.createTempFile("share-journey-", ".dcm");
        Files.copy(CT, first, StandardCopyOption.REPLACE_EXISTING);
        run(List.of("dcmodify", "-nb", "-gst", "-gse", "-gin", "-i", "(0010,0020)=" + patientId,
                "-i", "(0010,0021)=HOSP", "-m", "(0008,1030)=" + DESCRIPTION, "-i", "(0020,0013)=1",
                "-i", "(0028,1050)=40", "-i", "(0028,1051)=400", "-i", "(0028,1052)=-964", first.toString()));
        List<String> command = new java.util.ArrayList<>(List.of("storescu", "-aet", "SHARE_JOURNEY", "-aec",
                "IMAGESHARE", "127.0.0.1", Integer.toString(dicomPort), first.toString()));
        for (int i = 2; i <= SLICES; i++) {
            Path slice = Files.createTempFile("share-journey-", ".dcm");
            Files.copy(first, slice, StandardCopyOption.REPLACE_EXISTING);
            run(List.of("dcmodify", "-nb", "-gin", "-i", "(0020,0013)=" + i, "-i", "(0028,1052)=" + (-1024 + 60 * i),
                    slice.toString()));
            command.add(slice.toString());
        }
        run(command);
        for (String f : command.subList(7, command.size())) {
            Files.deleteIfExists(Path.of(f));
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

    private static List<String> zipEntries(byte[] zip) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    names.add(e.getName());
                }
            }
        }
        return names;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(command.get(0) + " timed out").isTrue();
        assertThat(process.exitValue()).as(command.get(0) + ": " + output).isZero();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String cookie) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
