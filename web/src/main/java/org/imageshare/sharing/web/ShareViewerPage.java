// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.web;

import static org.imageshare.mail.control.MailTemplates.escape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.imageshare.sharing.control.ShareGrant;
import org.imageshare.study.control.StudySummary;

/**
 * The physician's viewer page under a share link: the patient's {@code patient/viewer.html} with absolute
 * asset paths (the page lives at {@code /s/<token>/viewer}) and the share's data base in {@code data-api}.
 * The same {@code viewer.js}; no inline code.
 */
final class ShareViewerPage {

    /** As for the static viewer page: scripts, styles, images only from this origin, no inline code. */
    static final String CSP = "default-src 'self'; img-src 'self' blob: data:; script-src 'self'; "
            + "style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private ShareViewerPage() {
    }

    /**
     * @param contextPath the application's context path
     * @param link        {@code <context>/s/<token>}
     */
    static String html(String contextPath, String link) {
        String ctx = escape(contextPath);
        String base = escape(link);
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                    <meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
                    <meta name="robots" content="noindex, nofollow">
                    <meta name="referrer" content="no-referrer">
                    <title>Images — ImageShare</title>
                    <link rel="stylesheet" href="%1$s/viewer/viewer.css">
                    <script src="%1$s/viewer/viewer.js" defer></script>
                </head>
                <body>
                <main id="viewer" class="viewer" data-api="%2$s/viewer/studies/" data-back="%2$s">
                    <header class="bar">
                        <a class="back" id="back" href="%2$s">&#8592; Back</a>
                        <div class="tools" role="toolbar" aria-label="Viewer tools">
                            <button type="button" data-tool="wl" class="active" aria-pressed="true" title="Drag to change brightness and contrast">W/L</button>
                            <button type="button" data-tool="pan" aria-pressed="false" title="Drag to move, wheel or pinch to zoom">Pan</button>
                            <button type="button" data-tool="scroll" aria-pressed="false" title="Drag to move through the images">Scroll</button>
                            <select id="preset" aria-label="Window preset">
                                <option value="">Preset…</option>
                                <option value="40,400">Soft tissue</option>
                                <option value="-600,1500">Lung</option>
                                <option value="400,1800">Bone</option>
                                <option value="40,80">Brain</option>
                                <option value="default">As stored</option>
                            </select>
                            <button type="button" id="reset" title="Reset zoom, position and window">Reset</button>
                            <button type="button" id="cine" aria-pressed="false" title="Play the images as a movie">&#9654; Cine</button>
                        </div>
                    </header>
                    <nav class="strip" id="strip" aria-label="Series"></nav>
                    <section class="stage" id="stage">
                        <canvas id="canvas" aria-label="Image"></canvas>
                        <div class="overlay top-left" id="ov-series"></div>
                        <div class="overlay bottom-left" id="ov-image"></div>
                        <div class="overlay bottom-right" id="ov-window"></div>
                        <div class="notice" id="notice" hidden></div>
                    </section>
                    <footer class="bar slider-bar">
                        <label for="slider" class="sr-only">Image</label>
                        <input type="range" id="slider" min="1" max="1" value="1">
                    </footer>
                </main>
                </body>
                </html>
                """.formatted(ctx, base);
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
