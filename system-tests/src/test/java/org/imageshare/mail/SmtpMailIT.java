// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mail through a real SMTP server (GreenMail): the enrolment's welcome mail leaves through the outbox, JMS,
 * the message-driven bean and the container's mail session, with a text and an HTML part and no secret in it.
 */
class SmtpMailIT {

    private static GreenMail smtp;
    private static RunningImageShare.Dedicated server;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        server = RunningImageShare.startDedicated("smtp-mail", Map.of(
                "IMAGESHARE_SMTP_HOST", "127.0.0.1",
                "IMAGESHARE_SMTP_PORT", Integer.toString(port),
                "IMAGESHARE_MAIL_FROM", "imageshare@hospital.example",
                "IMAGESHARE_HOSPITAL_NAME", "St. Example"));
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
    void theWelcomeMailArrivesOnceWithTextAndHtmlAndWithoutPinOrAccountNumber() throws Exception {
        String recipient = "patient-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        RunningImageShare.Instance app = server.instance();
        String body = Json.createObjectBuilder().add("patientId", "MAIL-" + UUID.randomUUID()).add("issuer", "HOSP")
                .add("familyName", "Brown").add("givenName", "Amy").add("birthDate", "1975-06-01")
                .add("email", recipient).build().toString();
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(app.url("/api/v1/enrolments")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (app.adminUser() + ":" + app.adminPassword()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject enrolment = Json.createReader(new StringReader(created.body())).readObject();

        assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("welcome mail within 30 s").isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(recipient);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("imageshare@hospital.example");
        assertThat(mail.getSubject()).contains("St. Example");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        String everything = GreenMailUtil.getWholeMessage(mail);
        assertThat(everything).doesNotContain(enrolment.getString("pin"))
                .doesNotContain(enrolment.getString("accountNumber"));
        assertThat(GreenMailUtil.getBody(parts.getBodyPart(0))).contains(app.baseUrl().toString());

        // delivered exactly once: nothing more arrives while the retry timer runs (every 10 s)
        assertThat(smtp.waitForIncomingEmail(12_000, 2)).isFalse();
    }
}
