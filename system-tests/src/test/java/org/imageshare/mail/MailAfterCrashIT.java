// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application is killed (SIGKILL) while welcome mails wait — two held by deliveries stuck on an SMTP
 * server that accepts connections and never answers, the rest still in the queue — and restarted on the same
 * data directory with SMTP working: every mail arrives exactly once. The outbox watchdog is set to 10 minutes,
 * so what delivers them within the minute is the broker's journal, not the database's retry timer.
 */
class MailAfterCrashIT {

    private static final int MAILS = 4;
    private static ServerSocket blackHole;
    private static final List<Socket> held = new ArrayList<>();
    private static GreenMail smtp;
    private static RunningImageShare.Dedicated server;

    @BeforeAll
    static void start() throws IOException {
        blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!blackHole.isClosed()) {
                try {
                    Socket socket = blackHole.accept();
                    synchronized (held) {
                        held.add(socket); // never a greeting: the sender waits for its read timeout (20 s)
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "smtp-black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
        server = RunningImageShare.startDedicated("mail-after-crash", Map.of(
                "IMAGESHARE_SMTP_HOST", "127.0.0.1",
                "IMAGESHARE_SMTP_PORT", Integer.toString(blackHole.getLocalPort()),
                "IMAGESHARE_MAIL_RETRY_WATCHDOG", "PT10M"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        closeBlackHole();
    }

    @Test
    void mailQueuedWhenTheServerIsKilledIsDeliveredExactlyOnceAfterTheRestart() throws Exception {
        StaffClient staff = new StaffClient(server.instance());
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < MAILS; i++) {
            recipients.add("crash-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
        }
        for (String recipient : recipients) {
            staff.enrol(recipient);
        }
        // the deliveries have reached the black hole (and the commits are well on disk); nothing has failed yet
        Instant deadline = Instant.now().plusSeconds(8);
        while (heldConnections() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        Thread.sleep(2000);
        assertThat(heldConnections()).as("deliveries stuck in the SMTP black hole").isGreaterThanOrEqualTo(1);
        for (String recipient : recipients) {
            JsonObject mail = staff.mailTo(recipient).orElseThrow();
            assertThat(mail.getString("status")).isEqualTo("QUEUED");
            assertThat(mail.getInt("attempts")).isZero();
        }

        server.kill();
        int port = blackHole.getLocalPort();
        closeBlackHole();
        smtp = SmtpDown.greenMailOn(port);
        Instant restarting = Instant.now();
        server.restart();
        Instant restarted = Instant.now();

        // (on a loaded machine the mail can go out before the restart counts as ready: see RESTART_TIMEOUT)
        assertThat(smtp.waitForIncomingEmail(60_000, MAILS)).as("all mail within 60 s of being ready").isTrue();
        Instant delivered = Instant.now();
        SmtpDown.assertEachArrivedOnce(smtp, recipients);
        for (String recipient : recipients) {
            JsonObject mail = new StaffClient(server.instance()).mailTo(recipient).orElseThrow();
            assertThat(mail.getString("status")).isEqualTo("SENT");
            assertThat(mail.getInt("attempts")).isEqualTo(1);
        }
        System.out.printf("MailAfterCrashIT: restart to ready %d ms; all %d mails delivered %d ms after the restart "
                + "began%n", Duration.between(restarting, restarted).toMillis(), MAILS,
                Duration.between(restarting, delivered).toMillis());
    }

    private static int heldConnections() {
        synchronized (held) {
            return held.size();
        }
    }

    private static void closeBlackHole() throws IOException {
        if (!blackHole.isClosed()) {
            blackHole.close();
        }
        synchronized (held) {
            for (Socket socket : held) {
                socket.close();
            }
            held.clear();
        }
    }
}
