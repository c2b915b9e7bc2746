// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.imageshare.system.RunningImageShare;

/**
 * An ImageShare of the test's own whose SMTP server is down: its SMTP port is a free port nothing listens on
 * until the test calls {@link #bringUp()}, which starts GreenMail there. Close it to stop both.
 */
final class SmtpDown implements AutoCloseable {

    private final int port;
    private final RunningImageShare.Dedicated server;
    private GreenMail smtp;

    private SmtpDown(int port, RunningImageShare.Dedicated server) {
        this.port = port;
        this.server = server;
    }

    /** Starts the instance with SMTP on 127.0.0.1 at a free port and the given further settings. */
    static SmtpDown start(String name, Map<String, String> settings) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> all = new HashMap<>(settings);
        all.put("IMAGESHARE_SMTP_HOST", "127.0.0.1");
        all.put("IMAGESHARE_SMTP_PORT", Integer.toString(port));
        return new SmtpDown(port, RunningImageShare.startDedicated(name, all));
    }

    RunningImageShare.Instance instance() {
        return server.instance();
    }

    /** The SMTP server comes up: GreenMail on the instance's SMTP port. */
    GreenMail bringUp() throws InterruptedException {
        smtp = greenMailOn(port);
        return smtp;
    }

    /** GreenMail on this port; a few tries, as a port just given up may take a moment to be free again. */
    static GreenMail greenMailOn(int port) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            try {
                mail.start();
                return mail;
            } catch (IllegalStateException e) {
                mail.stop();
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** A full retry-timer period (10 s) after the last arrival nothing more has come: one mail per recipient. */
    static void assertEachArrivedOnce(GreenMail smtp, List<String> recipients) throws Exception {
        Thread.sleep(12_000);
        Map<String, Long> perRecipient = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            perRecipient.merge(message.getAllRecipients()[0].toString(), 1L, Long::sum);
        }
        assertThat(perRecipient).isEqualTo(recipients.stream()
                .collect(Collectors.toMap(Function.identity(), r -> 1L)));
    }

    @Override
    public void close() {
        server.close();
        if (smtp != null) {
            smtp.stop();
        }
    }
}
