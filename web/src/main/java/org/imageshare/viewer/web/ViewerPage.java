// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.web;

import static org.imageshare.mail.control.MailTemplates.escape;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imageshare.dicom.render.Window;
import org.imageshare.viewer.control.InstanceView;
import org.imageshare.viewer.control.SeriesView;
import org.imageshare.viewer.control.ViewerStart;

/**
 * The viewer page of every route from one template ({@code viewer.html} next to this class, read once): the
 * patient's {@code /patient/viewer.html} ({@link PatientViewerPage}) and a share link's {@code /s/<token>} and
 * {@code /s/<token>/viewer}. Every value is escaped; the optional study data goes into a
 * {@code <script type="application/json">} block (not executed; {@code <}, {@code >} and {@code &} written as
 * JSON escapes), and the first image is preloaded, so that the browser asks for it while it still loads the
 * script — unless it is already rendered and cached: then the page's data names the window it was drawn at and
 * the script draws the page's {@code <img>} (below) instead of asking for the same image a second time. The same image is also an {@code <img>} under the canvas: the browser paints it as soon as it has
 * arrived, without waiting for the script to load, parse and run (on this machine's Chromium the canvas showed
 * the first image about 200 ms after the image had arrived); the script removes it once the canvas shows an
 * image. The scripts' and styles' URLs carry a version (a hash of their content), so browsers may keep them.
 */
public final class ViewerPage {

    /** Scripts, styles, images only from this origin, no inline code. */
    public static final String CSP = "default-src 'self'; img-src 'self' blob: data:; script-src 'self'; "
            + "style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final Pattern SLOT = Pattern.compile("\\{\\{([A-Za-z]+)}}");
    private static final List<String> PARTS = parse(read());
    private static final String ATTRIBUTE = ViewerPage.class.getName();

    /**
     * What differs between the routes.
     *
     * @param contextPath the application's context path (assets are below it)
     * @param api         the study resources of the route, ending in {@code /} (the study UID follows)
     * @param back        where "Back" goes; null: no Back link
     * @param share       HTML for the bar (already escaped by the caller), or empty
     * @param start       the study's series and first instances to carry in the page, or null (the script asks)
     */
    public record Route(String contextPath, String api, String back, String share, ViewerStart start) {
    }

    private final String version;

    private ViewerPage(String version) {
        this.version = version;
    }

    /** The page of this application (the asset version is computed once per application). */
    public static ViewerPage of(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof ViewerPage page) {
            return page;
        }
        ViewerPage page = new ViewerPage(assetVersion(context));
        context.setAttribute(ATTRIBUTE, page);
        return page;
    }

    static ViewerPage withVersion(String version) {
        return new ViewerPage(version);
    }

    public String html(Route route) {
        ViewerStart start = route.start();
        String preload = "";
        String firstImage = "";
        String data = "";
        if (start != null) {
            data = "<script type=\"application/json\" id=\"viewer-data\">" + json(start) + "</script>";
            String first = firstImage(route.api(), start);
            if (first != null) {
                String url = escape(first);
                if (start.firstImage() == null) {
                    // not rendered yet: the script fetches it (and reads its window from the headers) at once
                    preload = "<link rel=\"preload\" as=\"fetch\" crossorigin=\"anonymous\" href=\"" + url
                            + "\"/>\n    ";
                }
                // alt="": should it fail (an image that cannot be rendered), the browser shows nothing
                firstImage = "<img id=\"first\" class=\"first\" src=\"" + url
                        + "\" alt=\"\" fetchpriority=\"high\"/>\n        ";
            }
        }
        Map<String, String> values = Map.of(
                "assets", escape(route.contextPath()),
                "version", escape(version),
                "api", escape(route.api()),
                "back", escape(route.back() == null ? "" : route.back()),
                "backHidden", route.back() == null ? " hidden" : "",
                "study", escape(start == null ? "" : start.studyInstanceUid()),
                "share", route.share() == null ? "" : route.share(),
                "preload", preload,
                "first", firstImage,
                "data", data);
        StringBuilder out = new StringBuilder(4096 + data.length());
        for (int i = 0; i < PARTS.size(); i++) {
            String part = PARTS.get(i);
            if (i % 2 == 0) {
                out.append(part);
            } else {
                String value = values.get(part);
                if (value == null) {
                    throw new IllegalStateException("viewer.html: no value for " + part);
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    /** The URL the script asks for first: frame 1 of the first series' first instance at its own window. */
    static String firstImage(String api, ViewerStart start) {
        if (start.series().isEmpty()) {
            return null;
        }
        String sop = start.firstSeriesInstances().isEmpty() ? start.series().get(0).firstSopInstanceUid()
                : start.firstSeriesInstances().get(0).sopInstanceUid();
        if (sop == null) {
            return null;
        }
        return api + component(start.studyInstanceUid()) + "/instances/" + component(sop) + "/frames/1/rendered";
    }

    /** As the script's {@code encodeURIComponent} (UIDs are digits and dots: unchanged). */
    private static String component(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The data block's JSON, written here (3 fields × 500 instances: a JSON-P object tree cost more than the
     * page's queries). Strings escaped for JSON and, inside {@code <script>}, {@code <}, {@code >} and {@code &}
     * as {@code \\u00XX}: no {@code </script>} or {@code <!--} can appear.
     */
    static String json(ViewerStart start) {
        StringBuilder out = new StringBuilder(256 + 96 * start.firstSeriesInstances().size());
        out.append("{\"study\":");
        string(out, start.studyInstanceUid());
        out.append(",\"series\":[");
        for (int k = 0; k < start.series().size(); k++) {
            SeriesView s = start.series().get(k);
            out.append(k == 0 ? "{" : ",{").append("\"seriesInstanceUid\":");
            string(out, s.seriesInstanceUid());
            if (s.seriesNumber() != null) {
                out.append(",\"seriesNumber\":").append(s.seriesNumber().intValue());
            }
            optional(out, "modality", s.modality());
            optional(out, "description", s.description());
            out.append(",\"numberOfInstances\":").append(s.numberOfInstances());
            optional(out, "firstSopInstanceUid", s.firstSopInstanceUid());
            out.append('}');
        }
        out.append("],\"instances\":[");
        for (int k = 0; k < start.firstSeriesInstances().size(); k++) {
            InstanceView i = start.firstSeriesInstances().get(k);
            out.append(k == 0 ? "{" : ",{").append("\"sopInstanceUid\":");
            string(out, i.sopInstanceUid());
            if (i.instanceNumber() != null) {
                out.append(",\"instanceNumber\":").append(i.instanceNumber().intValue());
            }
            out.append(",\"frames\":").append(i.frames()).append('}');
        }
        out.append(']');
        if (start.firstImage() != null) {
            // the page's <img> is the first image: the script draws it with this window instead of fetching it
            Window w = start.firstImage().window();
            out.append(",\"first\":{\"window\":");
            if (w == null) {
                out.append("null");
            } else {
                out.append("{\"center\":").append(number(w.center())).append(",\"width\":")
                        .append(number(w.width())).append('}');
            }
            out.append('}');
        }
        return out.append('}').toString();
    }

    /** A finite double as JSON (whole numbers without a fraction, as the response headers write them). */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void optional(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(",\"").append(name).append("\":");
            string(out, value);
        }
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** The template split into text and slot names: text, name, text, name, …, text. */
    static List<String> parse(String template) {
        List<String> parts = new ArrayList<>();
        Matcher m = SLOT.matcher(template);
        int at = 0;
        while (m.find()) {
            parts.add(template.substring(at, m.start()));
            parts.add(m.group(1));
            at = m.end();
        }
        parts.add(template.substring(at));
        return List.copyOf(parts);
    }

    private static String read() {
        try (InputStream in = ViewerPage.class.getResourceAsStream("viewer.html")) {
            if (in == null) {
                throw new IllegalStateException("viewer.html is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String assetVersion(ServletContext context) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String asset : List.of("/viewer/viewer.js", "/viewer/viewer.css")) {
                try (InputStream in = context.getResourceAsStream(asset)) {
                    if (in != null) {
                        sha.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
