// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.boundary;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDrivenContext;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.imageshare.mail.control.MailDelivery;
import org.imageshare.mail.control.MailNotYetVisible;
import org.imageshare.mail.control.MailQueue;
import org.imageshare.platform.boundary.ResourceDefinitions;

/** Takes a delivery trigger off the mail queue and hands it to {@link MailDelivery}; nothing else. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = ResourceDefinitions.MAIL_QUEUE_NAME),
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = ResourceDefinitions.RESOURCE_ADAPTER),
    @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "2"),
    // a trigger that overtook its outbox row's commit comes back after 0.5 s, 1 s, 2 s, … (then the
    // retry timer's watchdog takes over)
    @ActivationConfigProperty(propertyName = "initialRedeliveryDelay", propertyValue = "500"),
    @ActivationConfigProperty(propertyName = "useExponentialBackOff", propertyValue = "true"),
    @ActivationConfigProperty(propertyName = "backOffMultiplier", propertyValue = "2"),
    @ActivationConfigProperty(propertyName = "maximumRedeliveryDelay", propertyValue = "15000"),
    @ActivationConfigProperty(propertyName = "maximumRedeliveries", propertyValue = "8")
})
public class MailDeliveryListener implements MessageListener {

    @EJB
    MailDelivery delivery;

    @Resource
    MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        try {
            delivery.deliver(message.getLongProperty(MailQueue.MAIL_ID));
        } catch (EJBException e) {
            if (!(e.getCause() instanceof MailNotYetVisible)) {
                throw e;
            }
            context.setRollbackOnly();
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable mail trigger", e);
        }
    }
}
