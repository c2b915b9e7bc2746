// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.imageshare.audit.entity.AuditAction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mail path's JMS guarantees, in Payara Micro on the real WAR (H2 and PostgreSQL): a delivery that
 * crashes is rolled back and redelivered by the broker, and the mail goes out once; a trigger that
 * overtakes the commit of its outbox row is redelivered until the row is there. No SMTP server is
 * configured, so "delivered" is the dev outbox; the hand-overs are counted by {@link FailingOnceTransport}.
 */
@ExtendWith(ArquillianExtension.class)
class MailIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.realWar().addClasses(MailIT.class, MailProbe.class, EarlyTrigger.class,
                FailingOnceTransport.class);
    }

    @Inject
    MailProbe mail;

    @Test
    void aDeliveryThatFailsOnceIsRedeliveredAndTheMailGoesOutOnce() throws Exception {
        long started = System.nanoTime();
        long id = mail.enqueue(FailingOnceTransport.PREFIX + UUID.randomUUID() + "@example.org");

        String state = awaitState(id, "DEV_OUTBOX|0", Duration.ofSeconds(30));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals("DEV_OUTBOX|0", state, "the failed attempt was rolled back, the redelivery kept it");
        assertEquals(1, FailingOnceTransport.failed(id), "the first delivery failed");
        assertEquals(1, FailingOnceTransport.handedOver(id), "handed over exactly once");
        // redelivered by the broker (0.5 s later), long before the outbox watchdog (1 min) could step in
        assertTrue(millis < 20_000, "delivered after " + millis + " ms");
        assertEquals(1, mail.auditCount(AuditAction.MAIL_SENT, id));
        assertEquals(0, mail.auditCount(AuditAction.MAIL_FAILED, id), "a crash is no failed SMTP attempt");
        // nothing more happens to it: the later retry-timer runs leave a delivered mail alone
        Thread.sleep(11_000);
        assertEquals(1, FailingOnceTransport.handedOver(id));
        assertEquals(1, mail.auditCount(AuditAction.MAIL_SENT, id));
        System.out.printf("MailIT: failed once, redelivered and kept after %d ms%n", millis);
    }

    @Test
    void aTriggerThatOvertakesTheCommitOfItsMailIsRedeliveredUntilTheMailIsThere() throws Exception {
        long id = mail.enqueueWithTriggerAheadOfCommit("early-" + UUID.randomUUID() + "@example.org",
                Duration.ofSeconds(3));
        long committed = System.nanoTime();

        String state = awaitState(id, "DEV_OUTBOX|0", Duration.ofSeconds(30));
        long millis = (System.nanoTime() - committed) / 1_000_000;

        assertEquals("DEV_OUTBOX|0", state);
        assertEquals(1, FailingOnceTransport.handedOver(id), "handed over exactly once");
        // the watchdog is an hour away and the retry timer ignores the row: only a redelivery can have done it
        assertTrue(millis < 20_000, "delivered " + millis + " ms after the commit");
        assertEquals(1, mail.auditCount(AuditAction.MAIL_SENT, id));
        System.out.printf("MailIT: trigger 3 s ahead of the commit, delivered %d ms after the commit%n", millis);
    }

    private String awaitState(long id, String wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = mail.state(id);
        while (!state.equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            state = mail.state(id);
        }
        return state;
    }
}
