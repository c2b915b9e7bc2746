// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import java.util.Optional;
import org.imageshare.mail.entity.MailMessage;
import org.imageshare.platform.boundary.ResourceDefinitions;
import org.imageshare.platform.control.ImageShareConfig;

/** The container's Jakarta Mail session (text + HTML alternatives), or the dev outbox when no SMTP host is set. */
@ApplicationScoped
public class ContainerMailTransport implements MailTransport {

    @Resource(lookup = ResourceDefinitions.MAIL_SESSION)
    Session session;

    @Inject
    ImageShareConfig config;

    @Override
    public Handover send(MailMessage mail) throws MessagingException {
        if (config.smtpHost().isEmpty()) {
            return Handover.KEPT_IN_DEV_OUTBOX;
        }
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(config.mailFrom()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.getRecipient(), true));
        message.setSubject(mail.getSubject(), "UTF-8");
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.getTextBody(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.getHtmlBody(), "UTF-8", "html");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        message.setContent(alternatives);
        message.saveChanges();
        Optional<String> user = config.smtpUser();
        if (user.isPresent()) {
            Transport.send(message, user.get(), config.smtpPassword().orElse(""));
        } else {
            Transport.send(message);
        }
        return Handover.SENT;
    }
}
