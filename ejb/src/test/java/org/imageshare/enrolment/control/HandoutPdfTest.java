// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.imageshare.enrolment.control.HandoutPdf.Handout;
import org.imageshare.enrolment.entity.AccountNumber;
import org.junit.jupiter.api.Test;

class HandoutPdfTest {

    private static final AccountNumber ACCOUNT = validAccountNumber("4821390");
    private static final Path MISSING = Path.of("/nonexistent/font.ttf");

    private final HandoutPdf pdf = new HandoutPdf();
    private final HandoutPdf helveticaOnly = new HandoutPdf(MISSING, MISSING);

    @Test
    void handoutIsOneA4PageShowingAccountNumberPinUrlAndName() throws IOException {
        byte[] bytes = pdf.render(handout("Jane Example"));

        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            PDRectangle size = document.getPage(0).getMediaBox();
            assertThat(size.getWidth()).isEqualTo(PDRectangle.A4.getWidth());
            assertThat(size.getHeight()).isEqualTo(PDRectangle.A4.getHeight());
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("4821 3907", "738215", "https://images.example-hospital.org",
                    "Jane Example", "St. Example General Hospital", "Your ImageShare account",
                    "Keep this sheet private. Staff will never ask for your PIN.", "date of birth",
                    "Radiology reception", "14 March 2025", "Cut along the dashed line");
        }
    }

    @Test
    void pinAndNameStayOutOfTheDocumentMetadata() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.render(handout("Jane Example")))) {
            String info = document.getDocumentInformation().getCOSObject().toString();

            assertThat(info).doesNotContain("738215", "Jane", "4821");
        }
    }

    @Test
    void greekNameIsPrintedWithTheSystemFont() throws IOException {
        assumeTrue(Files.isReadable(HandoutPdf.DEJAVU_DIR.resolve("DejaVuSans.ttf")), "fonts-dejavu-core");

        String text = textOf(pdf.render(handout("Γιώργος Παπαδόπουλος")));

        assertThat(text).contains("Γιώργος Παπαδόπουλος", "4821 3907", "738215");
    }

    @Test
    void namesBeyondTheFontAreReplacedNotFatal() throws IOException {
        String text = textOf(pdf.render(handout("山田 太郎 Łukasz")));

        assertThat(text).contains("738215").contains("Łukasz").doesNotContain("山田");
    }

    @Test
    void helveticaFallbackPrintsWesternNamesAndQuestionMarksForTheRest() throws IOException {
        String text = textOf(helveticaOnly.render(handout("Γιώργος Müller-Łukasz")));

        assertThat(text).contains("??????? Müller-?ukasz", "4821 3907", "738215",
                "https://images.example-hospital.org");
    }

    @Test
    void veryLongDetailsStayAboveTheWalletCard() throws IOException {
        Handout h = new Handout(
                "Universitätsklinikum Schleswig-Holstein, Klinik für Radiologie und Neuroradiologie, Campus Kiel",
                "Γεώργιος Παπαδόπουλος-Κωνσταντινίδης Żółkiewski-Brzęczyszczykiewicz ".repeat(3),
                ACCOUNT, "904417",
                "https://imageshare.radiologie.uksh.example.de/portal/patients/sign-in?lang=de&source=handout-print",
                "Radiologie-Empfang, Telefon +49 431 500 00000 (Montag bis Freitag 7:30 bis 19:00 Uhr). ".repeat(4),
                LocalDate.of(2025, 12, 31));

        try (PDDocument document = Loader.loadPDF(pdf.render(h))) {
            PDFTextStripper topToBottom = new PDFTextStripper();
            topToBottom.setSortByPosition(true);
            String text = topToBottom.getText(document);

            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(text).contains("4821 3907", "904417");
            assertThat(text.indexOf("Contact us for a new PIN.")).isPositive()
                    .isLessThan(text.indexOf("Cut along the dashed line"));
        }
    }

    @Test
    void textHasNoLigaturesSoTheAddressCanBeCopied() throws IOException {
        Handout h = new Handout("Office of Radiology", "Jane Example", ACCOUNT, "738215",
                "https://affiliate-office.example.org/first", "Staff office", LocalDate.of(2025, 3, 14));
        StringBuilder raw = new StringBuilder();
        PDFTextStripper rawGlyphs = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                positions.forEach(p -> raw.append(p.getUnicode()));
            }
        };

        try (PDDocument document = Loader.loadPDF(pdf.render(h))) {
            rawGlyphs.getText(document);
        }

        assertThat(raw.toString()).contains("affiliate-office.example.org/first")
                .doesNotContainPattern("[\\uFB00-\\uFB06]");
    }

    @Test
    void controlCharactersInInputAreDropped() throws IOException {
        String text = textOf(pdf.render(handout("Jane\u0000\u0007 Exa\u200Bmple")));

        assertThat(text).contains("Jane Example");
    }

    @Test
    void handoutToStringHidesPinAndName() {
        String shown = handout("Jane Example").toString();

        assertThat(shown).doesNotContain("738215", "Jane", "48213907");
    }

    private static Handout handout(String patientName) {
        return new Handout("St. Example General Hospital", patientName, ACCOUNT, "738215",
                "https://images.example-hospital.org", "Radiology reception, +44 20 7946 0000",
                LocalDate.of(2025, 3, 14));
    }

    private static String textOf(byte[] bytes) throws IOException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static AccountNumber validAccountNumber(String body) {
        for (int check = 0; check <= 9; check++) {
            var parsed = AccountNumber.parse(body + check);
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        throw new IllegalStateException("no check digit for " + body);
    }
}
