// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.web;

import static org.imageshare.mail.control.MailTemplates.escape;

import jakarta.servlet.ServletContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.imageshare.sharing.control.ShareGrant;
import org.imageshare.study.control.StudySummary;
import org.imageshare.viewer.control.ViewerStart;
import org.imageshare.viewer.web.ViewerPage;

/**
 * The physician's viewer page under a share link: the one viewer template ({@link ViewerPage}) with the share's
 * data base, the study's series and first instances in the page (no extra round trips before the first image)
 * and, in the bar, what is shared and its download. The same {@code viewer.js}; no inline code.
 */
final class ShareViewerPage {

    private ShareViewerPage() {
    }

    /**
     * @param contextPath the application's context path
     * @param link        {@code <context>/s/<token>}
     * @param back        where "Back" goes (the link's page), or null when the link opened the viewer itself
     * @param start       the study's series and first instances
     */
    static String html(ServletContext context, String contextPath, String link, String back, String hospital,
            ShareGrant grant, ViewerStart start) {
        StudySummary study = grant.studies().stream()
                .filter(s -> s.studyInstanceUid().equals(start.studyInstanceUid())).findFirst().orElse(null);
        String download = link + "/download" + (grant.studies().size() > 1
                ? "/" + URLEncoder.encode(start.studyInstanceUid(), StandardCharsets.UTF_8) : "");
        StringBuilder bar = new StringBuilder("<div class=\"share-info\" id=\"shared\">");
        if (study != null) {
            bar.append("<span class=\"study\" title=\"").append(escape(describe(study))).append("\">")
                    .append(escape(describe(study))).append("</span>");
        }
        bar.append("<a id=\"downloadZip\" href=\"").append(escape(download)).append("\">Download (ZIP)</a>")
                .append("<span class=\"muted\">Shared by a patient of ").append(escape(hospital))
                .append(" until ").append(escape(LandingPages.when(grant.expiresAt())))
                .append(". Every opening is shown to the patient.</span></div>");
        return ViewerPage.of(context).html(new ViewerPage.Route(contextPath, link + "/viewer/studies/", back,
                bar.toString(), start));
    }

    private static String describe(StudySummary s) {
        return String.join(", ", s.modalities()) + " " + (s.studyDate() == null ? "Date unknown" : s.studyDate())
                + " " + (s.description() == null ? "Imaging study" : s.description());
    }

    /** Several studies shared: one ZIP link per study. */
    static String downloads(String contextPath, String hospital, String link, ShareGrant grant) {
        StringBuilder items = new StringBuilder();
        for (StudySummary s : grant.studies()) {
            String uid = URLEncoder.encode(s.studyInstanceUid(), StandardCharsets.UTF_8);
            items.append("<li class=\"study-item shared-study\"><a class=\"share-button secondary study-download\" href=\"")
                    .append(escape(link + "/download/" + uid)).append("\">Download (ZIP)</a> ")
                    .append("<span class=\"study-modalities\">").append(escape(String.join(", ", s.modalities())))
                    .append("</span> <span class=\"study-date\">")
                    .append(escape(s.studyDate() == null ? "Date unknown" : s.studyDate())).append("</span> ")
                    .append("<span class=\"study-description\">")
                    .append(escape(s.description() == null ? "Imaging study" : s.description()))
                    .append("</span></li>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="robots" content="noindex, nofollow"/>
                <meta name="referrer" content="no-referrer"/>
                <title>Download · ImageShare</title>
                <link rel="stylesheet" href="%s/jakarta.faces.resource/imageshare.css.xhtml?ln=imageshare"/>
                </head>
                <body class="area-public area-share">
                <main id="main" class="site-main"><section class="card share-card" id="downloads">
                <h1>Download the shared studies</h1>
                <p>A patient of %s shared these studies with you; each downloads as one ZIP with a DICOMDIR.</p>
                <ul class="study-list">
                %s</ul>
                <p><a href="%s">Back</a></p>
                </section></main></body></html>
                """.formatted(escape(contextPath), escape(hospital), items, escape(link));
    }
}
