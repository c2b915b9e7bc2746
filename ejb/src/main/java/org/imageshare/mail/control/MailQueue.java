// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.mail.entity.MailMessage;
import org.imageshare.platform.boundary.ResourceDefinitions;
import org.imageshare.platform.control.ImageShareConfig;

/**
 * Puts mail into the outbox: the outbox row and the JMS message that triggers delivery are written in
 * the caller's JTA transaction, so there is no mail for an action that rolls back and no action without
 * its mail.
 */
@ApplicationScoped
public class MailQueue {

    public static final String MAIL_ID = "mailId";

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = ResourceDefinitions.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = ResourceDefinitions.MAIL_QUEUE)
    Queue queue;

    @Inject
    ImageShareConfig config;

    @Inject
    MailTemplates templates;

    @Inject
    MailRetryPolicy policy;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    /** Tells a newly enrolled patient where to sign in; no PIN, no account number, no name. */
    @Transactional(TxType.MANDATORY)
    public MailMessage welcome(String recipient, long accountId) {
        MailTemplates.Rendered mail = templates.welcome(config.hospitalName(), config.publicUrl() + "/",
                config.helpContact());
        MailMessage message = enqueue("WELCOME", recipient, mail);
        audit.fire(new AuditEvent(AuditAction.MAIL_QUEUED, null, accountId, "welcome mail " + message.getId()));
        return message;
    }

    @Transactional(TxType.MANDATORY)
    public MailMessage enqueue(String kind, String recipient, MailTemplates.Rendered mail) {
        Instant now = clock.instant();
        MailMessage message = new MailMessage(kind, recipient, mail.subject(), mail.text(), mail.html(), now);
        em.persist(message);
        em.flush();
        message.scheduleWatchdog(now.plus(policy.watchdog()));
        send(message.getId());
        return message;
    }

    /** Sends the delivery trigger for an outbox row, in the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public void send(long mailId) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(queue)) {
            Message message = session.createMessage();
            message.setLongProperty(MAIL_ID, mailId);
            producer.send(message);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot queue mail " + mailId + ": " + e.getMessage(), e);
        }
    }
}
