// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.imageshare.browser.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With a shortened retry policy (3 attempts, 2 s then 4 s apart) and no SMTP server, the welcome mails die
 * after the last attempt; staff see them over REST ({@code /api/v1/outbox?status=DEAD}, counts) and on
 * {@code /metrics}; once SMTP is back, the admin resends one (it arrives exactly once) and cancels the other
 * (it never arrives).
 */
class DeadLetterIT {

    private static SmtpDown server;

    @BeforeAll
    static void start() throws IOException {
        server = SmtpDown.start("dead-letter", Map.of(
                "IMAGESHARE_MAIL_RETRY_FIRST_DELAY", "PT2S",
                "IMAGESHARE_MAIL_RETRY_MAX_DELAY", "PT4S",
                "IMAGESHARE_MAIL_RETRY_MAX_ATTEMPTS", "3"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void afterTheLastAttemptTheMailIsDeadVisibleToStaffAndCanBeResentOrCancelled() throws Exception {
        StaffClient staff = new StaffClient(server.instance());
        String resent = "dead-resent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String cancelled = "dead-cancelled-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Instant enrolled = Instant.now();
        staff.enrol(resent);
        staff.enrol(cancelled);

        List<JsonObject> dead = List.of();
        Instant deadline = Instant.now().plusSeconds(60);
        while (dead.size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            dead = staff.outbox("DEAD");
        }
        Duration toDead = Duration.between(enrolled, Instant.now());
        assertThat(dead).extracting(m -> m.getString("recipient")).containsExactlyInAnyOrder(resent, cancelled);
        for (JsonObject mail : dead) {
            assertThat(mail.getInt("attempts")).isEqualTo(3);
            assertThat(mail.getString("lastError")).isNotBlank();
            assertThat(mail.containsKey("textBody")).as("no bodies over REST").isFalse();
        }
        assertThat(staff.counts().getJsonNumber("DEAD").longValue()).isEqualTo(2);
        assertThat(staff.metrics()).containsPattern("imageshare_mail_dead\\S*\\s+2(\\.0)?\\b");
        assertThat(staff.get("/api/v1/outbox?status=NONSENSE").statusCode()).isEqualTo(400);
        assertThat(staff.get("/openapi").body()).contains("/outbox/counts");
        try (Browser admin = new Browser(server.instance())) {
            admin.signInStaff(server.instance().adminUser(), server.instance().adminPassword());
            assertThat(admin.byId("deadMailAlert").getText()).contains("2 mails could not be delivered");
            admin.open("/staff/admin/outbox.xhtml");
            assertThat(admin.byId("outbox:deadMail").getText()).containsIgnoringCase("2 undeliverable mails")
                    .contains(resent).contains(cancelled);
            admin.screenshot("staff-outbox-dead-mail");
        }

        GreenMail smtp = server.bringUp();
        long resentId = id(dead, resent);
        long cancelledId = id(dead, cancelled);
        assertThat(staff.post("/api/v1/outbox/" + cancelledId + "/cancel")).isEqualTo(204);
        Instant resentAt = Instant.now();
        assertThat(staff.post("/api/v1/outbox/" + resentId + "/resend")).isEqualTo(204);

        assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("the resent mail arrives").isTrue();
        Duration resendDelay = Duration.between(resentAt, Instant.now());
        Thread.sleep(12_000);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo(resent);
        JsonObject sent = staff.mailTo(resent).orElseThrow();
        assertThat(sent.getString("status")).isEqualTo("SENT");
        assertThat(sent.getInt("attempts")).isEqualTo(1);
        assertThat(staff.mailTo(cancelled).orElseThrow().getString("status")).isEqualTo("CANCELLED");
        assertThat(staff.counts().getJsonNumber("DEAD").longValue()).isZero();
        assertThat(staff.post("/api/v1/outbox/" + resentId + "/cancel")).as("sent mail cannot be cancelled")
                .isEqualTo(409);
        System.out.printf("DeadLetterIT: both mails dead %d s after enrolment (3 attempts); the resent one arrived "
                + "%d ms after the resend%n", toDead.toSeconds(), resendDelay.toMillis());
    }

    private static long id(List<JsonObject> mails, String recipient) {
        return mails.stream().filter(m -> m.getString("recipient").equals(recipient)).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
    }
}
