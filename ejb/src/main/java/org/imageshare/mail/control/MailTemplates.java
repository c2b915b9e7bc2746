// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import jakarta.enterprise.context.ApplicationScoped;

/** The text and HTML of each mail ImageShare sends. Every value put into HTML is escaped. */
@ApplicationScoped
public class MailTemplates {

    /** A mail ready for the outbox. */
    public record Rendered(String subject, String text, String html) {
    }

    public Rendered welcome(String hospital, String portalUrl, String helpContact) {
        String subject = "Your ImageShare account at " + hospital;
        String text = """
                Hello,

                %s has set up an ImageShare account for you. With it you can see your X-ray, CT and MR images \
                and share them with a doctor of your choice by a secure link.

                Sign in at %s with the account number and PIN printed on the sheet you were given, and your \
                date of birth.

                Questions? Contact %s.

                This message was sent automatically; please do not reply.
                """.formatted(hospital, portalUrl, helpContact);
        String html = page(subject, """
                <p>Hello,</p>
                <p>%s has set up an ImageShare account for you. With it you can see your X-ray, CT and MR images
                and share them with a doctor of your choice by a secure link.</p>
                <p><a href="%s">Sign in to ImageShare</a> with the account number and PIN printed on the sheet
                you were given, and your date of birth.</p>
                <p>Questions? Contact %s.</p>
                """.formatted(escape(hospital), escape(portalUrl), escape(helpContact)));
        return new Rendered(subject, text, html);
    }

    public static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
                <body style="font-family: Arial, Helvetica, sans-serif; color: #1f2933; max-width: 36em">
                %s
                <p style="color: #6b7780; font-size: smaller">This message was sent automatically; please do not reply.</p>
                </body></html>
                """.formatted(escape(title), body);
    }

    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
