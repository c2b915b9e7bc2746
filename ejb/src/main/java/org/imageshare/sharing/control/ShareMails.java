// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import static org.imageshare.mail.control.MailTemplates.escape;
import static org.imageshare.mail.control.MailTemplates.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.imageshare.mail.control.MailTemplates.Rendered;

/**
 * The mails of sharing. The recipient's mail carries no patient data at all — no name, ID, birth date or
 * study description: only the hospital, the link, the expiry, whom to contact and that an access code may be
 * needed. Every value put into HTML is escaped.
 */
public final class ShareMails {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private ShareMails() {
    }

    public static Rendered toRecipient(String hospital, String link, Instant expiresAt, String helpContact,
            boolean accessCode) {
        String subject = "Medical images shared with you through " + hospital;
        String expiry = WHEN.format(expiresAt);
        String codeText = accessCode
                ? "The link asks for a 6-digit access code. The patient will give it to you separately (for example by phone)."
                : "If the page asks for an access code, ask the patient for it.";
        String text = """
                Hello,

                A patient of %s has shared medical images with you through ImageShare.

                Open the images here (the link works until %s):
                %s

                %s

                Please do not forward this message: anyone with the link can see the images.
                Questions? Contact %s.

                This message was sent automatically; please do not reply.
                """.formatted(hospital, expiry, link, codeText, helpContact);
        String html = page(subject, """
                <p>Hello,</p>
                <p>A patient of %s has shared medical images with you through ImageShare.</p>
                <p><a href="%s">Open the shared images</a><br>The link works until %s.</p>
                <p style="word-break: break-all; color: #52606d; font-size: smaller">%s</p>
                <p>%s</p>
                <p>Please do not forward this message: anyone with the link can see the images.<br>
                Questions? Contact %s.</p>
                """.formatted(escape(hospital), escape(link), escape(expiry), escape(link), escape(codeText),
                escape(helpContact)));
        return new Rendered(subject, text, html);
    }

    /** To the patient when one of their links is opened for the first time; names neither recipient nor studies. */
    public static Rendered firstOpened(String hospital, String portalUrl, Instant openedAt, String helpContact) {
        String subject = "A link you shared was opened";
        String when = WHEN.format(openedAt);
        String text = """
                Hello,

                A link you shared through ImageShare at %s was opened for the first time on %s.

                Sign in at %s to see who opened which link and when (Access log), or to revoke a link.
                If you did not expect this, revoke the link and contact %s.

                This message was sent automatically; please do not reply.
                """.formatted(hospital, when, portalUrl, helpContact);
        String html = page(subject, """
                <p>Hello,</p>
                <p>A link you shared through ImageShare at %s was opened for the first time on %s.</p>
                <p><a href="%s">Sign in</a> to see who opened which link and when (Access log), or to revoke a link.
                If you did not expect this, revoke the link and contact %s.</p>
                """.formatted(escape(hospital), escape(when), escape(portalUrl), escape(helpContact)));
        return new Rendered(subject, text, html);
    }
}
