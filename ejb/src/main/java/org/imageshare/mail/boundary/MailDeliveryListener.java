// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.boundary;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.imageshare.mail.control.MailDelivery;
import org.imageshare.mail.control.MailQueue;
import org.imageshare.platform.boundary.ResourceDefinitions;

/** Takes a delivery trigger off the mail queue and hands it to {@link MailDelivery}; nothing else. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = ResourceDefinitions.MAIL_QUEUE_NAME),
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = ResourceDefinitions.RESOURCE_ADAPTER),
    @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "2")
})
public class MailDeliveryListener implements MessageListener {

    @EJB
    MailDelivery delivery;

    @Override
    public void onMessage(Message message) {
        try {
            delivery.deliver(message.getLongProperty(MailQueue.MAIL_ID));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable mail trigger", e);
        }
    }
}
