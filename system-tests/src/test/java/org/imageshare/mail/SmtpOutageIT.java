// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.imageshare.system.RunningImageShare;
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
    private static int port;
    private static GreenMail smtp;
    private static RunningImageShare.Dedicated server;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // nothing listens on the SMTP port yet
        server = RunningImageShare.startDedicated("smtp-outage", Map.of(
                "IMAGESHARE_SMTP_HOST", "127.0.0.1",
                "IMAGESHARE_SMTP_PORT", Integer.toString(port)));
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

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Instant up = Instant.now();
        assertThat(smtp.waitForIncomingEmail(90_000, MAILS)).as("all mail within 90 s of SMTP coming back").isTrue();
        Duration delay = Duration.between(up, Instant.now());

        // a full retry-timer period later nothing more has arrived: exactly once per recipient
        Thread.sleep(12_000);
        Map<String, Long> perRecipient = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            perRecipient.merge(message.getAllRecipients()[0].toString(), 1L, Long::sum);
        }
        assertThat(perRecipient).isEqualTo(recipients.stream()
                .collect(Collectors.toMap(Function.identity(), r -> 1L)));
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
