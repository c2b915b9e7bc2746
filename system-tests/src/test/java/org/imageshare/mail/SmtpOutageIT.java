// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SMTP server is down when three patients are enrolled, with the default retry policy: the first retry
 * comes within 30 s; the server (GreenMail) comes up on the same port about 40 s later; every welcome mail
 * then arrives exactly once.
 */
class SmtpOutageIT {

    private static final int MAILS = 3;
    private static SmtpDown server;

    @BeforeAll
    static void start() throws IOException {
        server = SmtpDown.start("smtp-outage", Map.of()); // nothing listens on the SMTP port yet
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mailQueuedWhileSmtpIsDownArrivesExactlyOnceWhenItIsBack() throws Exception {
        StaffClient staff = new StaffClient(server.instance());
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < MAILS; i++) {
            recipients.add("outage-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
        }
        Instant enrolled = Instant.now();
        for (String recipient : recipients) {
            staff.enrol(recipient);
        }

        // watch the attempts while the server is down: the first retry comes within 30 s of the first attempt
        Map<String, List<Instant>> attemptSeen = new HashMap<>();
        Instant smtpUpAt = enrolled.plusSeconds(40);
        while (Instant.now().isBefore(smtpUpAt)) {
            for (String recipient : recipients) {
                JsonObject mail = staff.mailTo(recipient).orElseThrow();
                assertThat(mail.getString("status")).isEqualTo("QUEUED");
                List<Instant> seen = attemptSeen.computeIfAbsent(recipient, r -> new ArrayList<>());
                while (seen.size() < mail.getInt("attempts")) {
                    seen.add(Instant.now());
                }
            }
            Thread.sleep(1000);
        }
        for (String recipient : recipients) {
            List<Instant> seen = attemptSeen.get(recipient);
            assertThat(seen).as("attempts of %s in the first 40 s", recipient).hasSizeBetween(2, 3);
            assertThat(Duration.between(enrolled, seen.get(1))).as("second attempt after enrolment")
                    .isLessThan(Duration.ofSeconds(31));
            assertThat(staff.mailTo(recipient).orElseThrow().getString("lastError")).isNotBlank();
        }

        GreenMail smtp = server.bringUp();
        Instant up = Instant.now();
        assertThat(smtp.waitForIncomingEmail(90_000, MAILS)).as("all mail within 90 s of SMTP coming back").isTrue();
        Duration delay = Duration.between(up, Instant.now());

        SmtpDown.assertEachArrivedOnce(smtp, recipients);
        for (String recipient : recipients) {
            JsonObject mail = staff.mailTo(recipient).orElseThrow();
            assertThat(mail.getString("status")).isEqualTo("SENT");
        }
        System.out.printf("SmtpOutageIT: attempts seen at %s (seconds after enrolment); all %d mails arrived %d ms "
                + "after SMTP came up%n", attemptSeen.values().stream().map(times -> times.stream()
                        .map(t -> Duration.between(enrolled, t).toSeconds()).toList()).toList(),
                MAILS, delay.toMillis());
    }
}
