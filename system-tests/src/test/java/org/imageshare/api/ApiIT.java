// SPDX-License-Identifier: Apache-2.0
package org.imageshare.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST contract of CONTRACT.md against the running application. */
@ExtendWith(RunningImageShare.class)
class ApiIT {

    private static final String BIRTH_DATE = "1966-11-02";

    private Api api;
    private String admin;

    @BeforeEach
    void connect(RunningImageShare.Instance app) {
        api = new Api(app.baseUrl());
        admin = Api.basic(app.adminUser(), app.adminPassword());
    }

    @Test
    void healthIsUpAndNamesDatabaseAndBroker() {
        HttpResponse<String> health = api.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonObject body = Api.object(health);
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonArray("checks").stream().map(c -> c.asJsonObject().getString("name")))
                .contains("database", "broker");
        assertThat(api.get("/metrics").statusCode()).isEqualTo(200);
        HttpResponse<String> openapi = api.get("/openapi");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/enrolments", "/api/v1/patient/login");
    }

    @Test
    void enrolmentAnswers201WithNumbersOnceAndTheHandoutCarriesThem() throws Exception {
        HttpResponse<String> created = api.post("/api/v1/enrolments",
                Api.enrolmentJson(uniqueId(), "Nowak", "Zoë", BIRTH_DATE, "zoe@example.org"), "Authorization", admin);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
        JsonObject body = Api.object(created);
        String account = body.getString("accountNumber");
        String pin = body.getString("pin");
        assertThat(account).matches("\\d{8}");
        assertThat(pin).matches("\\d{6}");
        String handoutUrl = body.getString("handoutUrl");
        assertThat(handoutUrl).startsWith(api.get("/").uri().toString().replaceAll("/$", ""));

        HttpResponse<byte[]> pdf = api.getBytes(handoutUrl, "Authorization", admin);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(account.substring(0, 4) + " " + account.substring(4), pin, "Zoë Nowak");
        }
        // the patient record never gives the PIN again
        HttpResponse<String> record = api.get("/api/v1/enrolments/" + account, "Authorization", admin);
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.body()).doesNotContain(pin).contains("\"locked\":false");
    }

    @Test
    void enrollingTheSamePatientTwiceAnswers409AndBadFieldsAnswer400NamingTheField() {
        String patientId = uniqueId();
        assertThat(api.post("/api/v1/enrolments", Api.enrolmentJson(patientId, "Roe", "Ann", BIRTH_DATE, null),
                "Authorization", admin).statusCode()).isEqualTo(201);

        HttpResponse<String> again = api.post("/api/v1/enrolments",
                Api.enrolmentJson(patientId, "Roe", "Ann", BIRTH_DATE, null), "Authorization", admin);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Api.object(again).getString("error")).contains(patientId);

        HttpResponse<String> badDate = api.post("/api/v1/enrolments",
                Api.enrolmentJson(uniqueId(), "Roe", "Ann", "1999-02-31", null), "Authorization", admin);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(Api.object(badDate).getString("field")).isEqualTo("birthDate");

        HttpResponse<String> badMail = api.post("/api/v1/enrolments",
                Api.enrolmentJson(uniqueId(), "Roe", "Ann", BIRTH_DATE, "no-at-sign"), "Authorization", admin);
        assertThat(badMail.statusCode()).isEqualTo(400);
        assertThat(Api.object(badMail).getString("field")).isEqualTo("email");

        HttpResponse<String> garbage = api.post("/api/v1/enrolments", "{not json", "Authorization", admin);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).startsWith("{\"error\":").doesNotContain("Exception", "at org.");
    }

    @Test
    void staffEndpointsNeedAStaffLogin() {
        HttpResponse<String> anonymous = api.post("/api/v1/enrolments",
                Api.enrolmentJson(uniqueId(), "Roe", "Ann", BIRTH_DATE, null));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\"");
        HttpResponse<String> wrongPassword = api.get("/api/v1/enrolments", "Authorization", Api.basic("admin", "nope"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void patientSignInGivesASessionAndEveryWrongAnswerLooksTheSame() {
        JsonObject enrolment = Api.object(api.post("/api/v1/enrolments",
                Api.enrolmentJson(uniqueId(), "Berg", "Ola", BIRTH_DATE, null), "Authorization", admin));
        String account = enrolment.getString("accountNumber");
        String pin = enrolment.getString("pin");

        HttpResponse<String> ok = api.post("/api/v1/patient/login", Api.loginJson(account, pin, BIRTH_DATE));
        assertThat(ok.statusCode()).isEqualTo(200);
        String token = Api.object(ok).getString("token");
        assertThat(ok.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("IMAGESHARE_PATIENT=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));

        HttpResponse<String> wrongPin = api.post("/api/v1/patient/login",
                Api.loginJson(account, pin.equals("000001") ? "000002" : "000001", BIRTH_DATE));
        HttpResponse<String> wrongBirth = api.post("/api/v1/patient/login", Api.loginJson(account, pin, "1966-11-03"));
        HttpResponse<String> unknown = api.post("/api/v1/patient/login", Api.loginJson("10000000", pin, BIRTH_DATE));
        for (HttpResponse<String> rejected : java.util.List.of(wrongPin, wrongBirth, unknown)) {
            assertThat(rejected.statusCode()).isEqualTo(401);
            assertThat(rejected.body()).isEqualTo(wrongPin.body());
        }

        String newPin = "480264".equals(pin) ? "593817" : "480264";
        assertThat(api.put("/api/v1/patient/pin", "{\"currentPin\":\"" + pin + "\",\"newPin\":\"" + newPin + "\"}",
                "Authorization", "Bearer " + token).statusCode()).isEqualTo(204);
        assertThat(api.post("/api/v1/patient/login", Api.loginJson(account, newPin, BIRTH_DATE)).statusCode())
                .isEqualTo(200);
        assertThat(api.put("/api/v1/patient/pin", "{\"currentPin\":\"" + newPin + "\",\"newPin\":\"123456\"}",
                "Authorization", "Bearer " + token).statusCode()).isEqualTo(400);

        assertThat(api.post("/api/v1/patient/logout", "", "Authorization", "Bearer " + token).statusCode()).isEqualTo(204);
        assertThat(api.put("/api/v1/patient/pin", "{\"currentPin\":\"" + newPin + "\",\"newPin\":\"583920\"}",
                "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
    }

    @Test
    void aPatientCannotUseStaffEndpoints() {
        JsonObject enrolment = Api.object(api.post("/api/v1/enrolments",
                Api.enrolmentJson(uniqueId(), "Berg", "Per", BIRTH_DATE, null), "Authorization", admin));
        String token = Api.object(api.post("/api/v1/patient/login", Api.loginJson(enrolment.getString("accountNumber"),
                enrolment.getString("pin"), BIRTH_DATE))).getString("token");

        HttpResponse<String> denied = api.get("/api/v1/enrolments", "Authorization", "Bearer " + token);
        assertThat(denied.statusCode()).isEqualTo(403);
    }

    @Test
    void aPatientConsentsToTheCurrentTextWithdrawsAndIsAskedAgainAfterANewVersion() {
        JsonObject enrolment = Api.object(api.post("/api/v1/enrolments",
                Api.enrolmentJson(uniqueId(), "Berg", "Kari", BIRTH_DATE, null), "Authorization", admin));
        String account = enrolment.getString("accountNumber");
        String bearer = "Bearer " + Api.object(api.post("/api/v1/patient/login",
                Api.loginJson(account, enrolment.getString("pin"), BIRTH_DATE))).getString("token");

        JsonObject asked = Api.object(api.get("/api/v1/patient/consent", "Authorization", bearer));
        int version = asked.getInt("version");
        assertThat(asked.getString("text")).isNotBlank();
        assertThat(asked.getBoolean("consented")).isFalse();
        assertThat(api.post("/api/v1/patient/consent", "{}", "Authorization", bearer).statusCode()).isEqualTo(400);
        assertThat(api.post("/api/v1/patient/consent", "{\"version\":" + (version + 1) + "}", "Authorization", bearer)
                .statusCode()).isEqualTo(409);

        assertThat(api.post("/api/v1/patient/consent", "{\"version\":" + version + "}", "Authorization", bearer)
                .statusCode()).isEqualTo(204);
        JsonObject agreed = Api.object(api.get("/api/v1/patient/consent", "Authorization", bearer));
        assertThat(agreed.getBoolean("consented")).isTrue();
        assertThat(agreed.getString("consentedAt")).isNotBlank();

        assertThat(api.delete("/api/v1/patient/consent", "Authorization", bearer).statusCode()).isEqualTo(204);
        assertThat(Api.object(api.get("/api/v1/patient/consent", "Authorization", bearer)).getBoolean("consented"))
                .isFalse();

        assertThat(api.post("/api/v1/enrolments/" + account + "/paper-consent", "{\"version\":" + version + "}",
                "Authorization", admin).statusCode()).isEqualTo(204);
        assertThat(Api.object(api.get("/api/v1/patient/consent", "Authorization", bearer)).getBoolean("consented"))
                .isTrue();

        HttpResponse<String> published = api.post("/api/v1/consent-texts",
                "{\"text\":\"A newer consent text for " + uniqueId() + "\"}", "Authorization", admin);
        assertThat(published.statusCode()).isEqualTo(201);
        int newVersion = Api.object(published).getInt("version");
        assertThat(newVersion).isGreaterThan(version);
        JsonObject again = Api.object(api.get("/api/v1/patient/consent", "Authorization", bearer));
        assertThat(again.getBoolean("consented")).isFalse();
        assertThat(again.getInt("version")).isEqualTo(newVersion);
        assertThat(api.post("/api/v1/patient/consent", "{\"version\":" + version + "}", "Authorization", bearer)
                .statusCode()).isEqualTo(409);
        assertThat(api.post("/api/v1/consent-texts", "{\"text\":\"x\"}", "Authorization", bearer).statusCode())
                .isEqualTo(403);
    }

    @Test
    void responsesCarryTheSecurityHeaders() {
        HttpResponse<String> page = api.get("/index.xhtml");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().allValues("Content-Security-Policy")).anySatisfy(v -> assertThat(v).contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        HttpResponse<String> api404 = api.get("/api/v1/nothing-here");
        assertThat(api404.statusCode()).isEqualTo(404);
        assertThat(api404.body()).startsWith("{\"error\"");
    }

    private static String uniqueId() {
        return "API-" + UUID.randomUUID();
    }
}
