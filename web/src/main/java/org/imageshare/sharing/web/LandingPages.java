// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.web;

import static org.imageshare.mail.control.MailTemplates.escape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.imageshare.sharing.control.ShareGrant;
import org.imageshare.study.control.StudySummary;

/**
 * The HTML of the physician's pages (no JSF: no session, no view state, every byte under our control). Every
 * value is escaped; no script; styles from the portal's stylesheet.
 */
final class LandingPages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private LandingPages() {
    }

    /** The one page for every unknown, tampered, expired, revoked or locked link. */
    static String unavailable(String contextPath, String hospital, String helpContact) {
        return page(contextPath, hospital, "Link not available", """
                <section class="card share-card" id="unavailable">
                <h1>This link is not available</h1>
                <p>The link may have expired, or the patient may have withdrawn it. If you still need the images,
                please ask the patient to share them again.</p>
                <p class="muted">Questions? Contact %s.</p>
                </section>
                """.formatted(escape(helpContact)));
    }

    static String throttled(String contextPath, String hospital) {
        return page(contextPath, hospital, "Too many attempts", """
                <section class="card share-card" id="throttled">
                <h1>Too many attempts</h1>
                <p>Please wait a minute and try again.</p>
                </section>
                """);
    }

    static String busy(String contextPath, String hospital) {
        return page(contextPath, hospital, "Busy", """
                <section class="card share-card" id="busy">
                <h1>Busy right now</h1>
                <p>Many people are opening links at this moment. Please try again in a few seconds.</p>
                </section>
                """);
    }

    static String notYetAvailable(String contextPath, String hospital) {
        return page(contextPath, hospital, "Not available yet", """
                <section class="card share-card" id="not-yet">
                <h1>Not available yet</h1>
                <p>This part of ImageShare is not installed on this server yet.</p>
                </section>
                """);
    }

    static String codeForm(String contextPath, String hospital, String action, boolean wrongCode) {
        String error = wrongCode
                ? "<p class=\"share-error\" id=\"wrong-code\" role=\"alert\">That code is not right. Please check it "
                        + "with the patient. After a few wrong tries the link locks.</p>"
                : "";
        return page(contextPath, hospital, "Access code", """
                <section class="card share-card" id="code">
                <h1>Enter the access code</h1>
                <p>A patient of %s has shared medical images with you. The patient has a 6-digit access code for
                this link; please ask them for it.</p>
                %s
                <form method="post" action="%s" autocomplete="off">
                <div class="field"><label for="accessCode">Access code</label>
                <input id="accessCode" name="accessCode" type="text" inputmode="numeric" pattern="[0-9]{6}"
                 maxlength="6" required="required" autocomplete="one-time-code" class="ui-inputfield share-code"/></div>
                <button type="submit" id="submitCode" class="share-button">Open the images</button>
                </form>
                </section>
                """.formatted(escape(hospital), error, escape(action)));
    }

    static String landing(String contextPath, String hospital, String helpContact, String linkBase, ShareGrant grant) {
        StringBuilder studies = new StringBuilder();
        for (StudySummary s : grant.studies()) {
            studies.append("<li class=\"study-item shared-study\">")
                    .append("<div class=\"study-head\"><span class=\"study-modalities\">")
                    .append(escape(String.join(", ", s.modalities()))).append("</span> <span class=\"study-date\">")
                    .append(escape(s.studyDate() == null ? "Date unknown" : s.studyDate())).append("</span></div>")
                    .append("<span class=\"study-description\">")
                    .append(escape(s.description() == null ? "Imaging study" : s.description())).append("</span> ")
                    .append("<span class=\"muted\">").append(s.numberOfSeries()).append(" series, ")
                    .append(s.numberOfInstances()).append(s.numberOfInstances() == 1 ? " image" : " images")
                    .append("</span>");
            if (grant.studies().size() > 1) {
                String uid = URLEncoder.encode(s.studyInstanceUid(), StandardCharsets.UTF_8);
                studies.append(" <a class=\"study-view\" href=\"").append(escape(linkBase + "/viewer?study=" + uid))
                        .append("\">View</a> <a class=\"study-download\" href=\"")
                        .append(escape(linkBase + "/download/" + uid)).append("\">Download</a>");
            }
            studies.append("</li>\n");
        }
        return page(contextPath, hospital, "Shared images", """
                <section class="card share-card" id="shared">
                <h1>Shared images</h1>
                <p>A patient of %s has shared %d %s with you. This link works until %s.</p>
                <ul class="study-list">
                %s</ul>
                <p class="share-actions">
                <a id="viewImages" class="share-button" href="%s/viewer">View images</a>
                <a id="downloadZip" class="share-button secondary" href="%s/download">Download (ZIP)</a>
                </p>
                <p class="muted">Every opening of this link is recorded and shown to the patient. Questions? Contact %s.</p>
                </section>
                """.formatted(escape(hospital), grant.studies().size(), grant.studies().size() == 1 ? "study" : "studies",
                escape(WHEN.format(grant.expiresAt())), studies, escape(linkBase), escape(linkBase),
                escape(helpContact)));
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }

    private static String page(String contextPath, String hospital, String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="robots" content="noindex, nofollow"/>
                <meta name="referrer" content="no-referrer"/>
                <title>%s · ImageShare</title>
                <link rel="stylesheet" href="%s/jakarta.faces.resource/imageshare.css.xhtml?ln=imageshare"/>
                </head>
                <body class="area-public area-share">
                <header class="site-header"><div class="site-header-inner"><span class="brand">
                <span class="brand-text"><span class="brand-name">ImageShare</span>
                <span class="brand-hospital">%s</span></span></span></div></header>
                <main id="main" class="site-main">
                %s
                </main>
                </body></html>
                """.formatted(escape(title), escape(contextPath), escape(hospital), body);
    }
}
