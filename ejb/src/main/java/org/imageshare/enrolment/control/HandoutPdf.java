// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.imageshare.enrolment.entity.AccountNumber;

/**
 * Renders the one-page A4 patient handout (account number, PIN, how to sign in, what the portal offers) as PDF.
 * Thread-safe. Uses DejaVu Sans when installed so that any European, Greek or Cyrillic name prints; otherwise
 * Helvetica, with characters it cannot encode printed as '?'.
 */
public final class HandoutPdf {

    private static final System.Logger LOG = System.getLogger(HandoutPdf.class.getName());

    static final Path DEJAVU_DIR = Path.of("/usr/share/fonts/truetype/dejavu");

    private static final DateTimeFormatter ISSUE_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private static final float MARGIN = 56;
    private static final float CARD_WIDTH = 242.6f;  // ISO/IEC 7810 ID-1: 85.6 mm x 54 mm
    private static final float CARD_HEIGHT = 153f;
    private static final float CARD_BOTTOM = MARGIN - 20;
    private static final float[] INK = {0.13f, 0.15f, 0.18f};
    private static final float[] MUTED = {0.40f, 0.43f, 0.47f};
    private static final float[] ACCENT = {0.05f, 0.33f, 0.60f};
    private static final float[] PANEL = {0.94f, 0.96f, 0.98f};
    private static final float[] PANEL_EDGE = {0.72f, 0.79f, 0.87f};
    private static final float[] WARN = {0.62f, 0.12f, 0.10f};
    private static final float[] WARN_PANEL = {0.99f, 0.95f, 0.94f};

    /** What goes on the handout. {@link #toString()} leaves out the PIN and the patient's name. */
    public record Handout(String hospitalName, String patientName, AccountNumber accountNumber, String pin,
            String portalUrl, String helpContact, LocalDate issuedOn) {
        public Handout {
            Objects.requireNonNull(hospitalName, "hospitalName");
            Objects.requireNonNull(patientName, "patientName");
            Objects.requireNonNull(accountNumber, "accountNumber");
            Objects.requireNonNull(pin, "pin");
            Objects.requireNonNull(portalUrl, "portalUrl");
            Objects.requireNonNull(helpContact, "helpContact");
            Objects.requireNonNull(issuedOn, "issuedOn");
        }

        @Override
        public String toString() {
            return "Handout[" + accountNumber + ", issuedOn=" + issuedOn + "]";
        }
    }

    private final Path regularFont;
    private final Path boldFont;
    private final AtomicBoolean fallbackLogged = new AtomicBoolean();

    /** Uses DejaVu Sans from Debian's {@code fonts-dejavu-core} when present. */
    public HandoutPdf() {
        this(DEJAVU_DIR.resolve("DejaVuSans.ttf"), DEJAVU_DIR.resolve("DejaVuSans-Bold.ttf"));
    }

    /** Uses the given TrueType fonts, or Helvetica if they cannot be loaded. */
    public HandoutPdf(Path regularFont, Path boldFont) {
        this.regularFont = Objects.requireNonNull(regularFont, "regularFont");
        this.boldFont = Objects.requireNonNull(boldFont, "boldFont");
    }

    /** The handout as PDF bytes. */
    public byte[] render(Handout handout) {
        Objects.requireNonNull(handout, "handout");
        try (PDDocument document = new PDDocument(); Fonts fonts = loadFonts(document)) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Your ImageShare account");
            info.setCreator("ImageShare");
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                Layout layout = new Layout(content, fonts, page.getMediaBox(), 1f);
                if (!layout.draw(handout)) {
                    // Long names, URL or help text: draw again, replacing the content, with tighter spacing.
                    try (PDPageContentStream compact = new PDPageContentStream(document, page,
                            PDPageContentStream.AppendMode.OVERWRITE, true)) {
                        new Layout(compact, fonts, page.getMediaBox(), layout.fittingScale()).draw(handout);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render the handout", e);
        }
    }

    private Fonts loadFonts(PDDocument document) {
        if (Files.isReadable(regularFont) && Files.isReadable(boldFont)) {
            List<TrueTypeFont> opened = new ArrayList<>(2);
            try {
                PDFont regular = embed(document, regularFont, opened);
                PDFont bold = embed(document, boldFont, opened);
                return new Fonts(regular, bold, opened);
            } catch (IOException | RuntimeException e) {
                closeAll(opened);
                if (fallbackLogged.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "Cannot load handout fonts {0}, {1}; using Helvetica: {2}",
                            regularFont, boldFont, e.toString());
                }
            }
        } else if (fallbackLogged.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "Handout fonts {0} not found; using Helvetica (install fonts-dejavu-core "
                    + "to print names outside Western European scripts)", regularFont);
        }
        return new Fonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), List.of());
    }

    /**
     * Embeds a subset of the TrueType font with glyph substitution off: ligatures such as "fi" would otherwise
     * turn into U+FB01 when a patient copies the portal address out of the PDF.
     */
    private static PDFont embed(PDDocument document, Path file, List<TrueTypeFont> opened) throws IOException {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
        opened.add(ttf);
        ttf.setEnableGsub(false);
        return PDType0Font.load(document, ttf, true);
    }

    private static void closeAll(List<TrueTypeFont> fonts) {
        for (TrueTypeFont font : fonts) {
            try {
                font.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Closing a handout font failed: {0}", e.toString());
            }
        }
    }

    /** The two fonts of one document; the TrueType files stay open until the document has been saved. */
    private record Fonts(PDFont regular, PDFont bold, List<TrueTypeFont> opened) implements AutoCloseable {
        @Override
        public void close() {
            closeAll(opened);
        }
    }

    /** {@code text} in NFC with control characters dropped and characters {@code font} cannot show as '?'. */
    static String printable(String text, PDFont font) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normalized.length());
        normalized.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT) {
                return;
            } else if (canShow(font, cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static boolean canShow(PDFont font, int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** Draws top-down; {@code y} is the baseline cursor. */
    private static final class Layout {
        private final PDPageContentStream cs;
        private final Fonts fonts;
        private final float left;
        private final float right;
        private final float width;
        private final float gapScale;
        private float y;
        private float gapTotal;
        private float bodyEnd;

        Layout(PDPageContentStream cs, Fonts fonts, PDRectangle box, float gapScale) {
            this.cs = cs;
            this.gapScale = gapScale;
            this.fonts = fonts;
            this.left = MARGIN;
            this.right = box.getWidth() - MARGIN;
            this.width = right - left;
            this.y = box.getHeight() - MARGIN;
        }

        /** Draws the page; false if the body ran into the wallet card. */
        boolean draw(Handout h) throws IOException {
            header(h);
            title(h);
            credentials(h);
            signInSteps(h);
            features();
            help(h);
            bodyEnd = y;
            cutLineAndCard(h);
            return bodyEnd >= CARD_BOTTOM + CARD_HEIGHT + 24;
        }

        /** A stretchable vertical gap; the total at full size is kept to compute a tighter scale. */
        private float gap(float normal) {
            gapTotal += normal;
            return normal * gapScale;
        }

        /** The gap scale at which the body would have just fitted above the wallet card. */
        float fittingScale() {
            float shortfall = CARD_BOTTOM + CARD_HEIGHT + 24 - bodyEnd;
            return gapTotal <= 0 ? 0 : Math.max(0, gapScale - shortfall / gapTotal);
        }

        private void header(Handout h) throws IOException {
            String brand = "ImageShare";
            float brandWidth = width(fonts.bold, 11, brand);
            text(fonts.bold, 11, ACCENT, right - brandWidth, y, brand);
            float size = fit(fonts.bold, h.hospitalName(), 15, 10, width - brandWidth - 24);
            for (String line : lines(fonts.bold, size, h.hospitalName(), width - brandWidth - 24, 2)) {
                text(fonts.bold, size, INK, left, y, line);
                y -= size * 1.25f;
            }
            y -= 4;
            rule(y, ACCENT, 1.5f);
            y -= 24 + gap(8);
        }

        private void title(Handout h) throws IOException {
            text(fonts.bold, 24, INK, left, y, "Your ImageShare account");
            y -= 24;
            String issued = "Issued " + ISSUE_DATE.format(h.issuedOn());
            float issuedWidth = width(fonts.regular, 10, issued);
            text(fonts.regular, 10, MUTED, right - issuedWidth, y, issued);
            text(fonts.regular, 10, MUTED, left, y, "Prepared for");
            y -= 17;
            float size = fit(fonts.bold, h.patientName(), 15, 10, width);
            for (String line : lines(fonts.bold, size, h.patientName(), width, 2)) {
                text(fonts.bold, size, INK, left, y, line);
                y -= size * 1.3f;
            }
            y -= gap(10);
        }

        private void credentials(Handout h) throws IOException {
            float gap = 16;
            float boxWidth = (width - gap) / 2;
            float boxHeight = 80;
            float top = y;
            panel(left, top - boxHeight, boxWidth, boxHeight, PANEL, PANEL_EDGE);
            panel(left + boxWidth + gap, top - boxHeight, boxWidth, boxHeight, PANEL, PANEL_EDGE);
            credential(left, top, boxWidth, "ACCOUNT NUMBER", h.accountNumber().formatted());
            credential(left + boxWidth + gap, top, boxWidth, "PIN", h.pin());
            y = top - boxHeight - gap(12);

            float noteHeight = 40;
            panel(left, y - noteHeight, width, noteHeight, WARN_PANEL, WARN_PANEL);
            fill(left, y - noteHeight, 4, noteHeight, WARN);
            text(fonts.bold, 11, WARN, left + 16, y - 17,
                    "Keep this sheet private. Staff will never ask for your PIN.");
            text(fonts.regular, 9.5f, INK, left + 16, y - 31,
                    "Please choose a new PIN after you first sign in.");
            y -= noteHeight + 18 + gap(12);
        }

        private void credential(float x, float top, float boxWidth, String label, String value) throws IOException {
            text(fonts.bold, 9, MUTED, x + 16, top - 22, label);
            float size = fit(fonts.bold, value, 32, 14, boxWidth - 32);
            text(fonts.bold, size, INK, x + 16, top - 62, value);
        }

        private void signInSteps(Handout h) throws IOException {
            heading("How to sign in");
            step(1, List.of(run(fonts.regular, "Go to "), run(fonts.bold, h.portalUrl()),
                    run(fonts.regular, " in a web browser.")));
            step(2, List.of(run(fonts.regular, "Enter your account number and your PIN from this sheet.")));
            step(3, List.of(run(fonts.regular, "Enter your date of birth, then select "),
                    run(fonts.bold, "Sign in"), run(fonts.regular, ".")));
            y -= 4 + gap(8);
        }

        private void features() throws IOException {
            heading("What you can do");
            for (String item : List.of(
                    "See your X-ray, CT and MR images.",
                    "Share them with a doctor through a secure link that expires.",
                    "See who opened your images, and when.",
                    "Change your PIN at any time.")) {
                fill(left + 6, y + 3, 4, 4, ACCENT);
                paragraph(fonts.regular, 11, INK, left + 22, width - 22, item, 15, 2);
                y += 4;
            }
            y -= 4 + gap(10);
        }

        private void help(Handout h) throws IOException {
            heading("Need help?");
            paragraph(fonts.regular, 11, INK, left, width, h.helpContact(), 15, 3);
            paragraph(fonts.regular, 9.5f, MUTED, left, width, "Lost this sheet, or think someone has seen your PIN? "
                    + "Contact us for a new PIN.", 13, 2);
        }

        private void cutLineAndCard(Handout h) throws IOException {
            float cardWidth = CARD_WIDTH;
            float cardHeight = CARD_HEIGHT;
            float cardBottom = CARD_BOTTOM;
            float top = cardBottom + cardHeight;
            float inner = cardWidth - 28;
            float x = left + 14;
            float[] white = {1, 1, 1};

            fill(left, top - 26, cardWidth, 26, ACCENT);
            text(fonts.bold, 11, white, x, top - 17, "ImageShare");
            String kind = "Account card";
            text(fonts.regular, 8, white, left + cardWidth - 14 - width(fonts.regular, 8, kind), top - 17, kind);
            text(fonts.regular, 8, MUTED, x, top - 40, clip(fonts.regular, 8, h.hospitalName(), inner));
            text(fonts.bold, 7, MUTED, x, top - 57, "ACCOUNT NUMBER");
            text(fonts.bold, 20, INK, x, top - 78, h.accountNumber().formatted());
            text(fonts.bold, 7, MUTED, x, top - 96, "SIGN IN AT");
            float urlSize = fit(fonts.regular, h.portalUrl(), 9.5f, 6.5f, inner);
            text(fonts.regular, urlSize, INK, x, top - 108, clip(fonts.regular, urlSize, h.portalUrl(), inner));
            text(fonts.bold, 7, MUTED, x, top - 124, "HELP");
            float lineY = top - 134;
            for (String line : lines(fonts.regular, 7.5f, h.helpContact(), inner, 2)) {
                text(fonts.regular, 7.5f, INK, x, lineY, line);
                lineY -= 9.5f;
            }

            // The card's own outline is the cut line.
            cs.saveGraphicsState();
            cs.setStrokingColor(MUTED[0], MUTED[1], MUTED[2]);
            cs.setLineWidth(0.7f);
            cs.setLineDashPattern(new float[] {4, 3}, 0);
            cs.addRect(left, cardBottom, cardWidth, cardHeight);
            cs.stroke();
            cs.restoreGraphicsState();
            String scissors = canShow(fonts.regular, 0x2702) ? "\u2702  " : "";
            text(fonts.regular, 8.5f, MUTED, left, top + 8, scissors + "Cut along the dashed line");

            float noteLeft = left + cardWidth + 24;
            float noteWidth = right - noteLeft;
            float noteY = top - 12;
            text(fonts.bold, 11, INK, noteLeft, noteY, "Wallet card");
            noteY -= 16;
            for (String line : wrap(fonts.regular, 9.5f, "Cut out this card and keep it with your health papers. "
                    + "It shows your account number but not your PIN, so it is safe to carry. Keep your PIN "
                    + "somewhere else, or change it to one only you know.", noteWidth)) {
                text(fonts.regular, 9.5f, MUTED, noteLeft, noteY, line);
                noteY -= 13;
            }
        }

        private void heading(String text) throws IOException {
            text(fonts.bold, 13, ACCENT, left, y, text);
            y -= 16 + gap(4);
        }

        private void step(int number, List<Run> runs) throws IOException {
            float indent = 22;
            float size = 11;
            float circle = 7.5f;
            cs.setNonStrokingColor(ACCENT[0], ACCENT[1], ACCENT[2]);
            float cx = left + circle;
            float cy = y + 3.6f;
            float k = 0.5523f * circle;
            cs.moveTo(cx + circle, cy);
            cs.curveTo(cx + circle, cy + k, cx + k, cy + circle, cx, cy + circle);
            cs.curveTo(cx - k, cy + circle, cx - circle, cy + k, cx - circle, cy);
            cs.curveTo(cx - circle, cy - k, cx - k, cy - circle, cx, cy - circle);
            cs.curveTo(cx + k, cy - circle, cx + circle, cy - k, cx + circle, cy);
            cs.fill();
            String digit = Integer.toString(number);
            text(fonts.bold, 9, new float[] {1, 1, 1}, cx - width(fonts.bold, 9, digit) / 2, y + 0.4f, digit);

            // Lay out runs word by word so that bold parts (the URL) wrap with the sentence.
            float x = left + indent;
            float limit = right;
            for (Run run : runs) {
                String text = printable(run.text(), run.font());
                for (String piece : text.split("(?<= )")) {
                    float w = width(run.font(), size, piece);
                    if (x + w > limit && x > left + indent && !piece.isBlank()) {
                        x = left + indent;
                        y -= 15;
                    }
                    if (w > limit - x) {
                        for (String chunk : breakLong(run.font(), size, piece, limit - left - indent)) {
                            if (x > left + indent) {
                                x = left + indent;
                                y -= 15;
                            }
                            text(run.font(), size, INK, x, y, chunk);
                            x += width(run.font(), size, chunk);
                        }
                        continue;
                    }
                    text(run.font(), size, INK, x, y, piece);
                    x += w;
                }
            }
            y -= 15 + gap(4);
        }

        private void paragraph(PDFont font, float size, float[] color, float x, float maxWidth, String text,
                float leading, int maxLines) throws IOException {
            for (String line : lines(font, size, text, maxWidth, maxLines)) {
                text(font, size, color, x, y, line);
                y -= leading;
            }
            y -= 4;
        }

        private void text(PDFont font, float size, float[] color, float x, float baseline, String text)
                throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.setNonStrokingColor(color[0], color[1], color[2]);
            cs.newLineAtOffset(x, baseline);
            cs.showText(printable(text, font));
            cs.endText();
        }

        private void panel(float x, float yBottom, float w, float h, float[] fill, float[] edge) throws IOException {
            cs.setNonStrokingColor(fill[0], fill[1], fill[2]);
            cs.setStrokingColor(edge[0], edge[1], edge[2]);
            cs.setLineWidth(0.8f);
            cs.addRect(x, yBottom, w, h);
            cs.fillAndStroke();
        }

        private void fill(float x, float yBottom, float w, float h, float[] color) throws IOException {
            cs.setNonStrokingColor(color[0], color[1], color[2]);
            cs.addRect(x, yBottom, w, h);
            cs.fill();
        }

        private void rule(float at, float[] color, float lineWidth) throws IOException {
            cs.setStrokingColor(color[0], color[1], color[2]);
            cs.setLineWidth(lineWidth);
            cs.moveTo(left, at);
            cs.lineTo(right, at);
            cs.stroke();
        }
    }

    private record Run(PDFont font, String text) {
    }

    private static Run run(PDFont font, String text) {
        return new Run(font, text);
    }

    static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(printable(text, font)) / 1000f * size;
    }

    /** The largest size from {@code max} down to {@code min} at which {@code text} fits on one line. */
    private static float fit(PDFont font, String text, float max, float min, float maxWidth) throws IOException {
        float size = max;
        while (size > min && width(font, size, text) > maxWidth) {
            size -= 0.5f;
        }
        return size;
    }

    /** {@code text} shortened with an ellipsis to fit {@code maxWidth}. */
    private static String clip(PDFont font, float size, String text, float maxWidth) throws IOException {
        String t = printable(text, font);
        if (width(font, size, t) <= maxWidth) {
            return t;
        }
        String ellipsis = canShow(font, '\u2026') ? "\u2026" : "...";
        int end = t.length();
        while (end > 0 && width(font, size, t.substring(0, end) + ellipsis) > maxWidth) {
            end = t.offsetByCodePoints(end, -1);
        }
        return t.substring(0, end) + ellipsis;
    }

    /** At most {@code maxLines} wrapped lines, the last one clipped with an ellipsis if text remains. */
    private static List<String> lines(PDFont font, float size, String text, float maxWidth, int maxLines)
            throws IOException {
        List<String> all = wrap(font, size, text, maxWidth);
        if (all.size() <= maxLines) {
            return all;
        }
        List<String> kept = new ArrayList<>(all.subList(0, maxLines));
        String rest = String.join(" ", all.subList(maxLines - 1, all.size()));
        kept.set(maxLines - 1, clip(font, size, rest, maxWidth));
        return kept;
    }

    /** Greedy word wrap; words wider than a line are broken. */
    static List<String> wrap(PDFont font, float size, String text, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(text, font).trim().split(" +")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(font, size, candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            List<String> chunks = breakLong(font, size, word, maxWidth);
            lines.addAll(chunks.subList(0, chunks.size() - 1));
            line.append(chunks.get(chunks.size() - 1));
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<String> breakLong(PDFont font, float size, String word, float maxWidth) throws IOException {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = start;
            while (end < word.length()) {
                int next = word.offsetByCodePoints(end, 1);
                if (end > start && width(font, size, word.substring(start, next)) > maxWidth) {
                    break;
                }
                end = next;
            }
            chunks.add(word.substring(start, end));
            start = end;
        }
        if (chunks.isEmpty()) {
            chunks.add("");
        }
        return chunks;
    }
}
