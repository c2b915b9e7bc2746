// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.imageshare.enrolment.boundary.EnrolmentService;
import org.imageshare.enrolment.control.Enrolment;
import org.imageshare.enrolment.control.EnrolmentForm;
import org.imageshare.ingest.boundary.DicomIngest;
import org.imageshare.login.boundary.PatientSignIn;
import org.imageshare.login.control.SignInOutcome;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.sharing.boundary.ShareAccess;
import org.imageshare.sharing.control.ShareOutcome;
import org.imageshare.sharing.control.ShareState;
import org.imageshare.sharing.control.ShareView;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Share links in Payara Micro on the real WAR (H2 and PostgreSQL): a patient with a released study (sent by
 * DCMTK storescu) shares it over REST; the recipient's mail is in the outbox with a link under the public URL
 * and no patient data; the link opens (counted, audited, in the access log), and stops at once when revoked,
 * expired (the application's clock moved by {@link TestClock}), when consent is withdrawn, or after too many
 * wrong access codes. The landing page over HTTP: one neutral 404 for every dead link, robots/referrer/cache
 * headers, the grant cookie after the access code.
 */
@ExtendWith(ArquillianExtension.class)
class ShareIT {

    private static final String BIRTH_DATE = "1968-11-02";
    private static final String FAMILY = "Wiśniewska";
    private static final String GIVEN = "Agnieszka";
    private static final String DESCRIPTION = "Knee Zebrafinch Protocol";
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/s/([A-Za-z0-9_-]{43}))");

    @Deployment
    static WebArchive deployment() {
        return Deployments.realWar()
                .addClasses(ShareIT.class, AsRegistrar.class, Probe.class, IngestProbe.class, ConsentProbe.class,
                        RevocationLog.class, ShareProbe.class, TestClock.class, Dcmtk.class, Dcmtk.Sender.class)
                .addAsWebInfResource(ShareIT.class.getResource("/glassfish-ejb-jar.xml"), "glassfish-ejb-jar.xml")
                .addAsWebInfResource(ShareIT.class.getResource("/glassfish-web-ingest.xml"), "glassfish-web.xml");
    }

    @ArquillianResource
    URL base;

    @Inject
    AsRegistrar registrar;

    @Inject
    EnrolmentService enrolments;

    @Inject
    PatientSignIn signIn;

    @Inject
    DicomIngest ingest;

    @Inject
    ImageShareConfig config;

    @Inject
    Probe probe;

    @Inject
    IngestProbe ingestProbe;

    @Inject
    ConsentProbe consent;

    @Inject
    ShareProbe shares;

    @Inject
    ShareAccess access;

    @Inject
    TestClock clock;

    /** An enrolled patient with one released study, signed in. */
    record Patient(Enrolment enrolment, String patientId, String email, String studyUid, String bearer) {
        long accountId() {
            return enrolment.accountId();
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void withoutConsentSharingIsForbidden() throws Exception {
        Patient p = patient();

        HttpResponse<String> answer = share(p, "dr.no@example.org", null, false);

        assertEquals(403, answer.statusCode(), answer.body());
        assertEquals(List.of(), shares.linksOf(p.accountId()));
        assertEquals(List.of(), shares.mailsTo("dr.no@example.org"));
    }

    @Test
    void aShareMailsALinkUnderThePublicUrlWithoutPatientDataAndTheLinkOpensAndIsCounted() throws Exception {
        Patient p = consentingPatient();
        String doctor = doctor();

        HttpResponse<String> created = share(p, doctor, 7, false);

        assertEquals(201, created.statusCode(), created.body());
        JsonObject body = json(created.body());
        long shareId = body.getJsonNumber("shareId").longValue();
        assertTrue(body.containsKey("expiresAt") && !body.containsKey("accessCode"), created.body());
        List<String> mails = shares.mailsTo(doctor);
        assertEquals(1, mails.size(), "one mail, in the share's transaction");
        String mail = mails.get(0);
        assertTrue(mail.startsWith("SHARE_LINK|"), mail);
        Matcher link = LINK.matcher(mail);
        assertTrue(link.find(), mail);
        assertTrue(link.group(1).startsWith(config.publicUrl() + "/s/"), link.group(1));
        String token = link.group(2);
        for (String phi : List.of(FAMILY, GIVEN, p.patientId(), BIRTH_DATE, "02.11.1968", "1968", DESCRIPTION,
                "Zebrafinch", p.enrolment().accountNumber())) {
            assertFalse(mail.contains(phi), "the mail holds no patient data: " + phi);
        }
        assertTrue(mail.contains(config.helpContact()) && mail.contains(config.hospitalName()), mail);
        assertFalse(created.body().contains(token), "the link is only in the mail");
        assertNotEquals(token, shares.tokenHashOf(shareId), "stored as a hash");
        assertEquals(64, shares.tokenHashOf(shareId).length());

        ShareOutcome.Granted first = assertInstanceOf(ShareOutcome.Granted.class,
                access.open(token, null, null, "10.20.30.40", "IT-Browser/1.0"));
        assertEquals(java.util.Set.of(p.studyUid()), first.grant().studyInstanceUids(), "exactly the chosen study");
        assertEquals(DESCRIPTION, first.grant().studies().get(0).description());
        assertNull(first.grantCookie(), "no access code, no grant cookie");
        HttpResponse<String> page = http("GET", "s/" + token, null, null, null);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("id=\"viewer\"") && page.body().contains("id=\"viewer-data\"")
                && page.body().contains("<img id=\"first\""), "no access code, one study: the link opens the viewer");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertTrue(page.body().contains(DESCRIPTION) && page.body().contains("2004-01-19"), page.body());
        assertTrue(page.body().contains("/s/" + token + "/viewer") && page.body().contains("/s/" + token + "/download"));
        assertTrue(page.body().contains("<meta name=\"robots\" content=\"noindex, nofollow\"/>"));
        assertFalse(page.body().contains(FAMILY) || page.body().contains(p.patientId()), "no name or ID on the page");
        assertEquals("noindex, nofollow", page.headers().firstValue("X-Robots-Tag").orElse(null));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(null));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));

        ShareView view = shares.linksOf(p.accountId()).get(0);
        assertEquals(ShareState.ACTIVE, view.state());
        assertEquals(2, view.openCount());
        assertTrue(view.lastUsedAt() != null && view.firstOpenedAt() != null);
        JsonArray listed = Json.createReader(new StringReader(
                http("GET", "api/v1/patient/shares", p.bearer(), null, null).body())).readArray();
        assertEquals("ACTIVE", listed.getJsonObject(0).getString("state"));
        assertEquals(2, listed.getJsonObject(0).getInt("openCount"));
        assertFalse(listed.toString().contains(token));

        HttpResponse<String> log = http("GET", "api/v1/patient/access-log", p.bearer(), null, null);
        assertEquals(200, log.statusCode(), log.body());
        JsonArray entries = Json.createReader(new StringReader(log.body())).readArray();
        assertEquals("STUDY_VIEWED", entries.getJsonObject(0).getString("action"), "the link opened the viewer");
        JsonObject newest = entries.getJsonObject(1);
        assertEquals("LINK_OPENED", newest.getString("action"), log.body());
        assertEquals(shareId, newest.getJsonNumber("shareId").longValue());
        assertTrue(log.body().contains("\"address\":\"10.20.30.40\"") && log.body().contains("IT-Browser/1.0"),
                log.body());
        assertTrue(log.body().contains("\"SHARE_CREATED\""), log.body());
        List<String> patientMails = shares.mailsTo(p.email());
        assertEquals(1, patientMails.stream().filter(m -> m.startsWith("SHARE_FIRST_OPENED|")).count(),
                "one mail to the patient at the first open: " + patientMails);
    }

    @Test
    void manyPhysiciansOpeningOneLinkAtOnceAreEachCountedAndThePatientIsMailedOnce() throws Exception {
        Patient p = consentingPatient();
        String doctor = doctor();
        assertEquals(201, share(p, doctor, 7, false).statusCode());
        String token = tokenIn(shares.mailsTo(doctor).get(0));
        int opens = 24;
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < opens; i++) {
                answers.add(clients.submit(() -> http("GET", "s/" + token, null, null, null).statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertEquals(200, answer.get(60, TimeUnit.SECONDS), "every open answered, none timed out on a lock");
            }
        } finally {
            clients.shutdownNow();
        }

        ShareView view = shares.linksOf(p.accountId()).get(0);
        assertEquals(opens, view.openCount(), "each open counted once");
        assertTrue(view.firstOpenedAt() != null && view.lastUsedAt() != null);
        List<String> audit = probe.auditLinesOf(p.accountId());
        assertEquals(opens, audit.stream().filter(l -> l.startsWith("LINK_OPENED|")).count(), audit.toString());
        assertEquals(opens, audit.stream().filter(l -> l.startsWith("STUDY_VIEWED|")).count(),
                "one viewing session per open of the link's viewer: " + audit);
        assertEquals(1, shares.mailsTo(p.email()).stream().filter(m -> m.startsWith("SHARE_FIRST_OPENED|")).count(),
                "exactly one first-open mail");
    }

    @Test
    void everyDeadLinkGetsTheSameNeutral404() throws Exception {
        Patient p = consentingPatient();
        String token = tokenOf(p, doctor(), false);
        HttpResponse<String> unknown = http("GET", "s/" + randomToken(), null, null, null);
        char last = token.charAt(token.length() - 1);
        HttpResponse<String> tampered = http("GET", "s/" + token.substring(0, 42) + (last == 'A' ? 'B' : 'A'),
                null, null, null);
        HttpResponse<String> garbage = http("GET", "s/%3Cscript%3E", null, null, null);

        assertEquals(404, unknown.statusCode());
        assertEquals(404, tampered.statusCode());
        assertEquals(404, garbage.statusCode());
        assertEquals(unknown.body(), tampered.body());
        assertEquals(unknown.body(), garbage.body());
        assertEquals("noindex, nofollow", unknown.headers().firstValue("X-Robots-Tag").orElse(null));
        assertEquals(200, http("GET", "s/" + token, null, null, null).statusCode());

        long shareId = shares.linksOf(p.accountId()).get(0).shareId();
        HttpResponse<String> revoke = http("DELETE", "api/v1/patient/shares/" + shareId, p.bearer(), null, null);
        assertEquals(204, revoke.statusCode(), revoke.body());

        HttpResponse<String> revoked = http("GET", "s/" + token, null, null, null);
        assertEquals(404, revoked.statusCode());
        assertEquals(unknown.body(), revoked.body(), "revoked looks like unknown");
        assertInstanceOf(ShareOutcome.Unavailable.class, access.open(token, null, null, "10.1.1.1", null));
        assertTrue(access.authorize(token, null, "10.1.1.1").isEmpty());
        assertEquals(ShareState.REVOKED, shares.linksOf(p.accountId()).get(0).state());
        assertEquals(404, http("DELETE", "api/v1/patient/shares/" + shareId, consentingPatient().bearer(), null, null)
                .statusCode(), "another patient's link is not found");
        assertTrue(probe.auditLinesOf(p.accountId()).stream().anyMatch(l -> l.startsWith("SHARE_REVOKED|")));
    }

    @Test
    void aLinkExpiresByTheClock() throws Exception {
        Patient p = consentingPatient();
        String token = tokenOf(p, doctor(), false);
        HttpResponse<String> tooLong = share(p, doctor(), 91, false);
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.body().contains("expiresInDays"), tooLong.body());
        assertTrue(access.authorize(token, null, "10.2.2.2").isPresent());

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        assertTrue(access.authorize(token, null, "10.2.2.2").isPresent(), "alive a minute before expiry");
        clock.advance(Duration.ofMinutes(2));

        assertInstanceOf(ShareOutcome.Unavailable.class, access.open(token, null, null, "10.2.2.2", null));
        assertTrue(access.authorize(token, null, "10.2.2.2").isEmpty());
        assertEquals(ShareState.EXPIRED, shares.linksOf(p.accountId()).get(0).state());
        clock.reset();
        assertEquals(404, http("GET", "s/" + randomToken(), null, null, null).statusCode());
    }

    @Test
    void withdrawingConsentEndsEveryLink() throws Exception {
        Patient p = consentingPatient();
        String one = tokenOf(p, doctor(), false);
        String two = tokenOf(p, doctor(), true);
        assertTrue(access.authorize(one, null, "10.3.3.3").isPresent(), "alive, and remembered for a while");

        consent.revoke(p.accountId());

        assertTrue(access.authorize(one, null, "10.3.3.3").isEmpty(), "the remembered grant ends with consent");
        assertInstanceOf(ShareOutcome.Unavailable.class, access.open(one, null, null, "10.3.3.3", null));
        assertInstanceOf(ShareOutcome.Unavailable.class, access.open(two, null, null, "10.3.3.3", null));
        assertTrue(shares.linksOf(p.accountId()).stream().allMatch(v -> v.state() == ShareState.REVOKED));
        assertEquals(2, probe.auditLinesOf(p.accountId()).stream()
                .filter(l -> l.startsWith("SHARE_REVOKED|") && l.contains("consent withdrawn")).count());
        HttpResponse<String> again = share(p, doctor(), null, false);
        assertEquals(403, again.statusCode(), again.body());
    }

    @Test
    void anAccessCodeIsAskedForAndWrongCodesLockTheLink() throws Exception {
        Patient p = consentingPatient();
        HttpResponse<String> created = share(p, doctor(), null, true);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject body = json(created.body());
        String code = body.getString("accessCode");
        long shareId = body.getJsonNumber("shareId").longValue();
        assertTrue(code.matches("\\d{6}"), code);
        assertFalse(shares.codeHashOf(shareId).contains(code), "the code is stored only as a hash");
        String token = tokenIn(lastMailTo(p));
        assertTrue(lastMailTo(p).contains("access code"), "the mail says a code is needed");

        HttpResponse<String> form = http("GET", "s/" + token, null, null, null);
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("name=\"accessCode\"") && !form.body().contains("2004-01-19"),
                "the form, not the studies");
        assertInstanceOf(ShareOutcome.CodeRequired.class, access.open(token, null, null, "10.4.4.4", null));
        HttpResponse<String> right = http("POST", "s/" + token, null, "application/x-www-form-urlencoded",
                "accessCode=" + code);
        assertEquals(303, right.statusCode(), right.body());
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("IMAGESHARE_SHARE_GRANT=") && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict") && cookie.contains("Path=" + base.getPath() + "s/" + token + ";"), cookie);
        String grant = cookie.substring("IMAGESHARE_SHARE_GRANT=".length(), cookie.indexOf(';'));
        HttpResponse<String> landing = http("GET", "s/" + token, null, null, null, "IMAGESHARE_SHARE_GRANT=" + grant);
        assertTrue(landing.body().contains("2004-01-19"), landing.body());
        assertTrue(access.authorize(token, grant, "10.4.4.4").isPresent(), "the grant opens the viewer's way");
        assertTrue(access.authorize(token, null, "10.4.4.4").isEmpty(), "no grant, no access");
        assertEquals(1, shares.linksOf(p.accountId()).get(0).openCount(), "the grant does not count again");

        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 4; i++) {
            ShareOutcome.CodeRequired again = assertInstanceOf(ShareOutcome.CodeRequired.class,
                    access.open(token, wrong, null, "10.4.4." + i, null));
            assertTrue(again.wrongCode());
        }
        assertInstanceOf(ShareOutcome.Unavailable.class, access.open(token, wrong, null, "10.4.4.5", null),
                "the fifth wrong code locks the link");
        assertInstanceOf(ShareOutcome.Unavailable.class, access.open(token, code, null, "10.4.4.6", null),
                "locked: even the right code no longer opens it");
        assertTrue(access.authorize(token, grant, "10.4.4.4").isEmpty(), "the lock ends earlier grants too");
        assertEquals(ShareState.LOCKED, shares.linksOf(p.accountId()).get(0).state());
        List<String> audit = probe.auditLinesOf(p.accountId());
        assertEquals(5, audit.stream().filter(l -> l.startsWith("ACCESS_CODE_FAILED|")).count(), audit.toString());
        assertEquals(1, audit.stream().filter(l -> l.startsWith("SHARE_LOCKED|")).count(), audit.toString());
    }

    @Test
    void wrongCodesFromOneAddressAreThrottledAcrossLinks() throws Exception {
        Patient p = consentingPatient();
        String address = "10.5." + (int) (Math.random() * 250) + ".7";
        int throttledAt = -1;
        for (int i = 0; i < 4 && throttledAt < 0; i++) {
            String token = tokenOf(p, doctor(), true);
            for (int j = 0; j < 4; j++) {
                ShareOutcome outcome = access.open(token, "000001", null, address, null);
                if (outcome instanceof ShareOutcome.Throttled) {
                    throttledAt = i * 4 + j;
                    break;
                }
            }
        }
        assertEquals(config.integer("imageshare.share.code-failures-per-address-per-minute"), throttledAt,
                "the address is stopped after its per-minute failures, whichever link it tries");
    }

    @Test
    void onlyReleasedStudiesOfTheCallerCanBeShared() throws Exception {
        Patient p = consentingPatient();
        Patient other = patient();
        HttpResponse<String> foreign = http("POST", "api/v1/patient/shares", p.bearer(), "application/json",
                "{\"studyInstanceUids\":[\"" + other.studyUid() + "\"],\"recipientEmail\":\"a@example.org\"}");
        assertEquals(400, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("studyInstanceUids"), foreign.body());
        HttpResponse<String> badMail = http("POST", "api/v1/patient/shares", p.bearer(), "application/json",
                "{\"studyInstanceUids\":[\"" + p.studyUid() + "\"],\"recipientEmail\":\"not an address\"}");
        assertEquals(400, badMail.statusCode(), badMail.body());
        assertTrue(badMail.body().contains("recipientEmail"), badMail.body());
        assertEquals(401, http("GET", "api/v1/patient/shares", null, null, null).statusCode());
        assertEquals(List.of(), shares.linksOf(p.accountId()));
    }

    @Test
    void aLinkServesTheViewerTheZipAndDicomWebOfExactlyItsStudyUntilRevoked() throws Exception {
        Patient p = consentingPatient(2);
        send(ctFor(p.patientId()));
        String otherStudy = ingestProbe.studiesOf(p.patientId()).stream().map(l -> l.split("\\|")[0])
                .filter(uid -> !uid.equals(p.studyUid())).findFirst().orElseThrow();
        String doctor = doctor();
        HttpResponse<String> created = share(p, doctor, 7, false);
        assertEquals(201, created.statusCode(), created.body());
        long shareId = json(created.body()).getJsonNumber("shareId").longValue();
        String token = tokenIn(shares.mailsTo(doctor).get(0));
        String s = "s/" + token;
        HttpResponse<String> opened = http("GET", s, null, null, null);
        assertEquals(200, opened.statusCode(), "the physician opens the link");
        String sop = ingestProbe.instancesOf(p.studyUid()).get(0).split("\\|")[0];
        assertTrue(opened.body().contains("data-api=\"" + base.getPath() + "s/" + token + "/viewer/studies/\""),
                "the link is the viewer: " + opened.body());
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"viewer-data\">(.*?)</script>")
                .matcher(opened.body());
        assertTrue(data.find(), opened.body());
        JsonObject carried = json(data.group(1));
        assertEquals(p.studyUid(), carried.getString("study"));
        JsonObject carriedSeries = carried.getJsonArray("series").getJsonObject(0);
        assertEquals(2, carriedSeries.getInt("numberOfInstances"), "the series are in the page");
        // preloaded for the script unless the background warm-up of the new share has rendered it already: then
        // the page carries the window it was drawn at, and the script draws the page's <img>
        boolean preloaded = opened.body().contains("rel=\"preload\" as=\"fetch\" crossorigin=\"anonymous\" href=\""
                + base.getPath() + s + "/viewer/studies/" + p.studyUid() + "/instances/"
                + carriedSeries.getString("firstSopInstanceUid") + "/frames/1/rendered\"");
        assertTrue(preloaded != carried.containsKey("first"), "preloaded or already rendered: " + carried);
        http("GET", s + "/viewer/studies/" + p.studyUid() + "/instances/"
                + carriedSeries.getString("firstSopInstanceUid") + "/frames/1/rendered", null, null, null);
        HttpResponse<String> reopened = http("GET", s, null, null, null); // a second viewing session
        Matcher reopenedData = Pattern.compile("<script type=\"application/json\" id=\"viewer-data\">(.*?)</script>")
                .matcher(reopened.body());
        assertTrue(reopenedData.find(), reopened.body());
        JsonObject firstImage = json(reopenedData.group(1)).getJsonObject("first");
        assertTrue(firstImage != null && firstImage.getJsonObject("window").getJsonNumber("width").doubleValue() >= 1,
                "once rendered, the page names the window it was drawn at: " + reopenedData.group(1));
        assertFalse(reopened.body().contains("rel=\"preload\""), "and does not preload it again");
        assertTrue(opened.body().contains("<img id=\"first\" class=\"first\" src=\"" + base.getPath() + s
                + "/viewer/studies/" + p.studyUid() + "/instances/" + carriedSeries.getString("firstSopInstanceUid")
                + "/frames/1/rendered\" alt=\"\""), "and shown by the page itself until the script draws");
        assertTrue(opened.body().contains("href=\"" + base.getPath() + s + "/download\""), "and the download");

        // download: the ZIP holds a DICOMDIR that DCMTK reads, and every file it names
        HttpResponse<byte[]> zip = bytes(s + "/download", null);
        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
        Path dir = Files.createTempDirectory("share-zip-");
        unzip(zip.body(), dir);
        String dicomdir = output(List.of("dcmdump", "+P", "0004,1500", dir.resolve("DICOMDIR").toString()));
        Matcher ids = Pattern.compile("\\(0004,1500\\) CS \\[([^\\]]+)\\]").matcher(dicomdir);
        int files = 0;
        while (ids.find()) {
            Path file = dir.resolve(ids.group(1).replace('\\', '/'));
            assertTrue(Files.isRegularFile(file), "named in the DICOMDIR: " + ids.group(1));
            String dump = output(List.of("dcmdump", "+P", "0020,000d", file.toString()));
            assertTrue(dump.contains(p.studyUid()), "only the shared study: " + dump);
            files++;
        }
        assertEquals(2, files, dicomdir);
        assertTrue(Files.isRegularFile(dir.resolve("README.TXT")));

        // viewer: the page, then the data of the shared study only
        HttpResponse<String> page = http("GET", s + "/viewer", null, null, null);
        assertEquals(303, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/s/" + token + "/viewer?study=" + p.studyUid()));
        page = http("GET", s + "/viewer?study=" + p.studyUid(), null, null, null);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("data-api=\"" + base.getPath() + "s/" + token + "/viewer/studies/\""), page.body());
        assertTrue(page.body().contains("src=\"" + base.getPath() + "viewer/viewer.js?v="), page.body());
        assertTrue(page.body().contains("id=\"viewer-data\""), page.body());
        HttpResponse<String> series = http("GET", s + "/viewer/studies/" + p.studyUid() + "/series", null, null, null);
        assertEquals(200, series.statusCode(), series.body());
        JsonObject firstSeries = Json.createReader(new StringReader(series.body())).readArray().getJsonObject(0);
        String seriesUid = firstSeries.getString("seriesInstanceUid");
        HttpResponse<String> instances = http("GET", s + "/viewer/studies/" + p.studyUid() + "/series/" + seriesUid
                + "/instances", null, null, null);
        assertEquals(200, instances.statusCode(), instances.body());
        HttpResponse<byte[]> frame = bytes(s + "/viewer/studies/" + p.studyUid() + "/instances/" + sop
                + "/frames/1/rendered", null);
        assertEquals(200, frame.statusCode());
        assertEquals("image/png", frame.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, http("GET", s + "/viewer/studies/" + otherStudy + "/series", null, null, null).statusCode(),
                "another study of the same patient is not shared");
        assertEquals(404, http("GET", s + "/viewer?study=" + otherStudy, null, null, null).statusCode());
        assertEquals(404, http("GET", "api/v1/share/viewer/studies/" + p.studyUid() + "/series", null, null, null)
                .statusCode(), "the internal path without an authorized link");

        // DICOMweb: QIDO lists exactly the shared study; WADO sends the stored bytes; no STOW
        HttpResponse<String> qido = http("GET", s + "/dicomweb/studies", null, null, null);
        assertEquals(200, qido.statusCode(), qido.body());
        JsonArray studies = Json.createReader(new StringReader(qido.body())).readArray();
        assertEquals(1, studies.size(), qido.body());
        assertEquals(p.studyUid(), studies.getJsonObject(0).getJsonObject("0020000D").getJsonArray("Value").getString(0));
        assertTrue(qido.body().contains(config.publicUrl() + "/s/" + token + "/dicomweb/studies/"), qido.body());
        HttpResponse<String> asked = http("GET", s + "/dicomweb/studies?StudyInstanceUID=" + otherStudy, null, null, null);
        assertFalse(asked.body().contains(otherStudy), asked.body());
        assertEquals(404, http("GET", s + "/dicomweb/studies/" + otherStudy + "/series", null, null, null).statusCode());
        assertEquals(404, http("GET", s + "/dicomweb/studies/" + otherStudy + "/metadata", null, null, null).statusCode());
        HttpResponse<String> qidoInstances = http("GET", s + "/dicomweb/studies/" + p.studyUid() + "/instances", null,
                null, null);
        assertEquals(2, Json.createReader(new StringReader(qidoInstances.body())).readArray().size());
        for (String line : ingestProbe.instancesOf(p.studyUid())) {
            String[] f = line.split("\\|");
            HttpResponse<byte[]> wado = bytes(s + "/dicomweb/studies/" + p.studyUid() + "/series/" + seriesUid
                    + "/instances/" + f[0], null);
            assertEquals(200, wado.statusCode());
            byte[] stored = Files.readAllBytes(ingest.storeRoot().resolve(f[1]));
            assertArrayEquals(stored, onlyPart(wado), "WADO-RS sends the stored file byte for byte");
        }
        HttpResponse<String> metadata = http("GET", s + "/dicomweb/studies/" + p.studyUid() + "/metadata", null, null, null);
        assertEquals(200, metadata.statusCode(), metadata.body());
        HttpResponse<byte[]> rendered = bytes(s + "/dicomweb/studies/" + p.studyUid() + "/series/" + seriesUid
                + "/instances/" + sop + "/rendered", null);
        assertEquals(200, rendered.statusCode());
        assertEquals("image/png", rendered.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, http("POST", s + "/dicomweb/studies", null, "multipart/related; type=\"application/dicom\"",
                "x").statusCode(), "no STOW-RS under a share");

        // audit: in the patient's access log under this share
        List<String> audit = probe.auditLinesOf(p.accountId());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("STUDY_DOWNLOADED|")
                && l.endsWith("|share " + shareId + ": study " + p.studyUid() + ", 2 objects")), audit.toString());
        assertEquals(4, audit.stream().filter(l -> l.startsWith("STUDY_VIEWED|")
                && l.endsWith("|share " + shareId + " study=" + p.studyUid())).count(),
                "one viewing session each: the link's viewer (opened twice), the viewer page, the series asked for: "
                        + audit);
        String log = http("GET", "api/v1/patient/access-log", p.bearer(), null, null).body();
        JsonArray entries = Json.createReader(new StringReader(log)).readArray();
        for (String action : List.of("STUDY_DOWNLOADED", "STUDY_VIEWED", "LINK_OPENED")) {
            assertTrue(entries.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("action").equals(action)
                    && !e.isNull("shareId") && e.getJsonNumber("shareId").longValue() == shareId), action + ": " + log);
        }

        // revoked: viewer data, DICOMweb and download stop with the next request
        assertEquals(204, http("DELETE", "api/v1/patient/shares/" + shareId, p.bearer(), null, null).statusCode());
        assertTrue(access.authorize(token, null, "10.7.7.7").isEmpty(), "the remembered grant is gone at once");
        for (String path : List.of(s, s + "/viewer/studies/" + p.studyUid() + "/series",
                s + "/viewer/studies/" + p.studyUid() + "/instances/" + sop + "/frames/1/rendered",
                s + "/viewer?study=" + p.studyUid(), s + "/dicomweb/studies",
                s + "/dicomweb/studies/" + p.studyUid() + "/series/" + seriesUid + "/instances/" + sop, s + "/download")) {
            HttpResponse<String> dead = http("GET", path, null, null, null);
            assertEquals(404, dead.statusCode(), path);
            assertTrue(dead.body().contains("not available"), "the neutral page: " + dead.body());
        }
    }

    @Test
    void aRevokeStopsALinkWhoseGrantIsRememberedAtOnce() throws Exception {
        Patient p = consentingPatient();
        String doctor = doctor();
        assertEquals(201, share(p, doctor, 7, false).statusCode());
        String token = tokenIn(shares.mailsTo(doctor).get(0));
        long shareId = shares.linksOf(p.accountId()).get(0).shareId();
        String sop = ingestProbe.instancesOf(p.studyUid()).get(0).split("\\|")[0];
        String frame = "s/" + token + "/viewer/studies/" + p.studyUid() + "/instances/" + sop + "/frames/1/rendered";
        for (int i = 0; i < 3; i++) {
            assertEquals(200, bytes(frame, null).statusCode(), "frames answered, the grant remembered");
        }
        assertTrue(access.authorize(token, null, "10.8.8.8").isPresent());

        assertEquals(204, http("DELETE", "api/v1/patient/shares/" + shareId, p.bearer(), null, null).statusCode());

        assertEquals(404, bytes(frame, null).statusCode(), "the next frame is refused");
        assertTrue(access.authorize(token, null, "10.8.8.8").isEmpty());
        assertEquals(404, http("GET", "s/" + token, null, null, null).statusCode());
    }

    @Test
    void anAccessCodeLinkServesNothingWithoutItsGrantCookie() throws Exception {
        Patient p = consentingPatient();
        HttpResponse<String> created = share(p, doctor(), null, true);
        String code = json(created.body()).getString("accessCode");
        String s = "s/" + tokenIn(lastMailTo(p));
        List<String> paths = List.of(s + "/viewer/studies/" + p.studyUid() + "/series", s + "/dicomweb/studies",
                s + "/download");
        for (String path : paths) {
            assertEquals(404, http("GET", path, null, null, null).statusCode(), path);
            assertEquals(404, http("GET", path, null, null, null, "IMAGESHARE_SHARE_GRANT=forged").statusCode(), path);
        }
        HttpResponse<String> right = http("POST", s, null, "application/x-www-form-urlencoded", "accessCode=" + code);
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        String grant = cookie.substring(0, cookie.indexOf(';'));
        for (String path : paths) {
            assertEquals(200, http("GET", path, null, null, null, grant).statusCode(), path);
        }
    }

    @Test
    void aLinkToSeveralStudiesOffersEachOnItsOwn() throws Exception {
        Patient p = consentingPatient();
        send(ctFor(p.patientId()));
        String second = ingestProbe.studiesOf(p.patientId()).stream().map(l -> l.split("\\|")[0])
                .filter(uid -> !uid.equals(p.studyUid())).findFirst().orElseThrow();
        String doctor = doctor();
        HttpResponse<String> created = http("POST", "api/v1/patient/shares", p.bearer(), "application/json",
                "{\"studyInstanceUids\":[\"" + p.studyUid() + "\",\"" + second + "\"],\"recipientEmail\":\"" + doctor
                        + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        String s = "s/" + tokenIn(shares.mailsTo(doctor).get(0));
        String landing = http("GET", s, null, null, null).body();
        HttpResponse<String> list = http("GET", s + "/download", null, null, null);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        for (String uid : List.of(p.studyUid(), second)) {
            assertTrue(landing.contains(s + "/viewer?study=" + uid) && landing.contains(s + "/download/" + uid), landing);
            assertTrue(list.body().contains(s + "/download/" + uid), list.body());
            HttpResponse<byte[]> zip = bytes(s + "/download/" + uid, null);
            assertEquals(200, zip.statusCode());
            assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
            assertEquals(200, http("GET", s + "/viewer?study=" + uid, null, null, null).statusCode());
        }
        JsonArray studies = Json.createReader(new StringReader(
                http("GET", s + "/dicomweb/studies", null, null, null).body())).readArray();
        assertEquals(2, studies.size(), studies.toString());
    }

    @Test
    void dicomWebUnderALinkIsAuditedOncePerStudyAndHourAndStopsAtOnceWhenRevoked() throws Exception {
        Patient p = consentingPatient(2);
        String doctor = doctor();
        HttpResponse<String> created = share(p, doctor, 7, false);
        assertEquals(201, created.statusCode(), created.body());
        long shareId = json(created.body()).getJsonNumber("shareId").longValue();
        String s = "s/" + tokenIn(shares.mailsTo(doctor).get(0));
        String study = s + "/dicomweb/studies/" + p.studyUid();
        String detail = "|share " + shareId + " study=" + p.studyUid();

        HttpResponse<String> qido = http("GET", s + "/dicomweb/studies?includefield=all", null, null, null);
        assertEquals(200, qido.statusCode(), qido.body());
        assertEquals(0, dicomWebLines(p, detail), "searching the studies reads no study: not audited");

        HttpResponse<String> series = http("GET", study + "/series", null, null, null);
        assertEquals(200, series.statusCode(), series.body());
        String seriesUid = Json.createReader(new StringReader(series.body())).readArray().getJsonObject(0)
                .getJsonObject("0020000E").getJsonArray("Value").getString(0);
        assertEquals(200, http("GET", study + "/instances", null, null, null).statusCode());
        assertEquals(200, http("GET", study + "/metadata", null, null, null).statusCode());
        for (String line : ingestProbe.instancesOf(p.studyUid())) {
            String instance = study + "/series/" + seriesUid + "/instances/" + line.split("\\|")[0];
            assertEquals(200, bytes(instance, null).statusCode());
            assertEquals(200, bytes(instance + "/frames/1/rendered", null).statusCode());
        }
        assertEquals(200, bytes(study, null).statusCode());
        assertEquals(1, dicomWebLines(p, detail), "one line for the whole session: " + probe.auditLinesOf(p.accountId()));
        String log = http("GET", "api/v1/patient/access-log", p.bearer(), null, null).body();
        assertTrue(Json.createReader(new StringReader(log)).readArray().stream().map(JsonObject.class::cast)
                .anyMatch(e -> e.getString("action").equals("STUDY_RETRIEVED_DICOMWEB") && !e.isNull("shareId")
                        && e.getJsonNumber("shareId").longValue() == shareId), "in the patient's access log: " + log);

        clock.advance(Duration.ofMinutes(61));
        assertEquals(200, bytes(study, null).statusCode());
        assertEquals(2, dicomWebLines(p, detail), "a new line after an hour");
        assertEquals(404, http("GET", s + "/dicomweb/studies/1.2.3.4/metadata", null, null, null).statusCode());
        assertEquals(2, dicomWebLines(p, detail));

        clock.reset(); // the patient's session would have timed out an hour later
        assertEquals(204, http("DELETE", "api/v1/patient/shares/" + shareId, p.bearer(), null, null).statusCode());
        for (String path : List.of(s + "/dicomweb/studies", study + "/series", study + "/metadata", study)) {
            assertEquals(404, http("GET", path, null, null, null).statusCode(), "revoked: " + path);
        }
        assertEquals(2, dicomWebLines(p, detail), "nothing served, nothing audited");
    }

    private long dicomWebLines(Patient p, String detailSuffix) {
        return probe.auditLinesOf(p.accountId()).stream()
                .filter(l -> l.startsWith("STUDY_RETRIEVED_DICOMWEB|") && l.endsWith(detailSuffix)).count();
    }

    // --- helpers

    private String tokenOf(Patient p, String doctor, boolean code) throws Exception {
        HttpResponse<String> created = share(p, doctor, 7, code);
        assertEquals(201, created.statusCode(), created.body());
        return tokenIn(shares.mailsTo(doctor).get(0));
    }

    private String lastDoctor;

    private String lastMailTo(Patient p) {
        List<String> mails = shares.mailsTo(lastDoctor);
        return mails.get(mails.size() - 1);
    }

    private static String tokenIn(String mail) {
        Matcher link = LINK.matcher(mail);
        assertTrue(link.find(), mail);
        return link.group(2);
    }

    private HttpResponse<String> share(Patient p, String doctor, Integer days, boolean code) throws Exception {
        lastDoctor = doctor;
        String json = "{\"studyInstanceUids\":[\"" + p.studyUid() + "\"],\"recipientEmail\":\"" + doctor + "\""
                + (days == null ? "" : ",\"expiresInDays\":" + days) + (code ? ",\"accessCode\":true" : "") + "}";
        return http("POST", "api/v1/patient/shares", p.bearer(), "application/json", json);
    }

    private Patient consentingPatient() throws Exception {
        return consentingPatient(1);
    }

    private Patient consentingPatient(int instances) throws Exception {
        Patient p = patient(instances);
        consent.give(p.accountId(), consent.state(p.accountId()).version());
        return p;
    }

    private Patient patient() throws Exception {
        return patient(1);
    }

    /** A patient with one released study of {@code instances} CT images (one series). */
    private Patient patient(int instances) throws Exception {
        String patientId = "SH-" + UUID.randomUUID().toString().substring(0, 16);
        String email = "patient-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Enrolment enrolment = registrar.call(() -> enrolments.enrol(
                new EnrolmentForm(patientId, "HOSP", FAMILY, GIVEN, BIRTH_DATE, email, null)));
        Path first = ctFor(patientId);
        send(first);
        for (int i = 2; i <= instances; i++) {
            send(Dcmtk.nextInstance(first, "-i", "(0020,0013)=" + i));
        }
        String studyUid = ingestProbe.studiesOf(patientId).get(0).split("\\|")[0];
        String token = assertInstanceOf(SignInOutcome.SignedIn.class, signIn.signIn(enrolment.accountNumber(),
                enrolment.pin(), BIRTH_DATE, "10.9." + (int) (Math.random() * 250) + ".1")).token();
        return new Patient(enrolment, patientId, email, studyUid, token);
    }

    private static String doctor() {
        return "dr-" + UUID.randomUUID().toString().substring(0, 8) + "@clinic.example";
    }

    private static String randomToken() {
        return org.imageshare.sharing.control.ShareTokens.newToken();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static Path ctFor(String patientId) throws IOException, InterruptedException {
        return Dcmtk.ct(patientId, "HOSP", "-m", "(0008,1030)=" + DESCRIPTION);
    }

    private void send(Path file) throws IOException, InterruptedException {
        Dcmtk.sender(ingest, config, "SHARE_IT").send(file);
    }

    private HttpResponse<byte[]> bytes(String path, String cookie) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath()).resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void unzip(byte[] zip, Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = dir.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(dir), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    /** The body of the one part of a multipart/related answer. */
    private static byte[] onlyPart(HttpResponse<byte[]> answer) {
        String type = answer.headers().firstValue("Content-Type").orElseThrow();
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)").matcher(type);
        assertTrue(b.find(), type);
        String text = new String(answer.body(), StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        int start = text.indexOf("\r\n\r\n", text.indexOf(delimiter)) + 4;
        int end = text.indexOf("\r\n" + delimiter, start);
        assertEquals(text.indexOf(delimiter + "--"), text.indexOf(delimiter, start + 1), "exactly one part");
        return java.util.Arrays.copyOfRange(answer.body(), start, end);
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), command.get(0) + " timed out");
        assertEquals(0, process.exitValue(), command + ": " + output);
        return output;
    }

    private HttpResponse<String> http(String method, String path, String bearer, String contentType, String body)
            throws IOException, InterruptedException {
        return http(method, path, bearer, contentType, body, null);
    }

    private HttpResponse<String> http(String method, String path, String bearer, String contentType, String body,
            String cookie) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath()).resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
