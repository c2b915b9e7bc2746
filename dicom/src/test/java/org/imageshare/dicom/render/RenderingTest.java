// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every transfer syntax of the Debian python3-pydicom test files, rendered by {@link DicomRenderer} and
 * compared pixel by pixel with DCMTK's {@code dcmj2pnm} at the same window (or, where DCMTK has no
 * decoder, with the same image stored uncompressed, or with OpenJPEG's {@code opj_decompress}).
 * The differences are written to {@code target/render-differences.txt}.
 */
class RenderingTest {

    static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final List<String> REPORT = new ArrayList<>();

    @TempDir
    static Path tmp;

    static DicomRenderer renderer;

    @BeforeAll
    static void start() {
        renderer = new DicomRenderer(tmp.resolve("cache"), 64L << 20, 64L << 20);
    }

    @AfterAll
    static void report() throws IOException {
        Path out = Path.of("target", "render-differences.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, REPORT, StandardCharsets.UTF_8);
    }

    /** file, frame, max difference allowed per sample, mean difference allowed. */
    @ParameterizedTest(name = "{0} frame {1}")
    @CsvSource({
            "CT_small.dcm, 1, 1, 0.05",                   // explicit little endian, signed 16-bit, rescale
            "MR_small.dcm, 1, 1, 0.05",
            "MR_small_implicit.dcm, 1, 1, 0.05",
            "MR_small_bigendian.dcm, 1, 1, 0.05",
            "MR_small_expb.dcm, 1, 1, 0.05",
            "MR_small_RLE.dcm, 1, 1, 0.05",                // RLE lossless, 16-bit
            "image_dfl.dcm, 1, 1, 0.05",                   // deflated explicit little endian
            "liver_1frame.dcm, 1, 1, 0.05",
            "rtdose_1frame.dcm, 1, 1, 0.05",               // 32-bit grey
            "rtdose_rle_1frame.dcm, 1, 1, 0.05",
            "rtdose.dcm, 7, 1, 0.05",                      // a later frame of a multi-frame object
            "JPGExtended.dcm, 1, 1, 0.05",                 // JPEG extended 12-bit (DCMTK fallback)
            "SC_rgb_dcmtk_+eb+cr.dcm, 1, 1, 0.05",          // RGB, big endian
            "SC_rgb_small_odd.dcm, 1, 1, 0.05",
            "SC_rgb_rle.dcm, 1, 1, 0.05",
            "SC_rgb_rle_2frame.dcm, 2, 1, 0.05",
            "SC_rgb_rle_16bit.dcm, 1, 1, 0.05",
            "SC_rgb_rle_32bit.dcm, 1, 1, 0.05",
            "SC_ybr_full_422_uncompressed.dcm, 1, 2, 0.6",   // YBR_FULL_422 → RGB (rounding of the matrix)
            "SC_rgb_jpeg_dcmtk.dcm, 1, 4, 0.6",              // JPEG baseline, YBR_FULL_422 (upsampling differs)
            "SC_rgb_jpeg_gdcm.dcm, 1, 4, 0.6",
            "SC_rgb_dcmtk_+eb+cy+np.dcm, 1, 2, 0.6",          // JPEG baseline colour, YBR_FULL
            "SC_jpeg_no_color_transform.dcm, 1, 4, 0.6",       // JPEG with RGB components (APP14 transform 0)
            "SC_jpeg_no_color_transform_2.dcm, 1, 4, 0.6",
            "SC_rgb_jpeg_app14_dcmd.dcm, 1, 4, 0.6",
            "SC_rgb_jpeg_lossy_gdcm.dcm, 1, 4, 0.6",
            "SC_rgb_small_odd_jpeg.dcm, 1, 4, 0.6",
            "SC_rgb_jpeg_dcmd.dcm, 1, 4, 0.6",
            "SC_rgb_dcmtk_+eb+cy+n1.dcm, 1, 4, 0.6",
            "SC_rgb_dcmtk_+eb+cy+n2.dcm, 1, 4, 0.6",
            "SC_rgb_dcmtk_+eb+cy+s2.dcm, 1, 4, 0.6",
            "SC_rgb_dcmtk_+eb+cy+s4.dcm, 1, 4, 0.6",
            "SC_rgb_rle_16bit_2frame.dcm, 2, 1, 0.05",
            "SC_rgb_rle_32bit_2frame.dcm, 2, 1, 0.05",
            "liver_expb_1frame.dcm, 1, 1, 0.05",
            "rtdose_expb_1frame.dcm, 1, 1, 0.05",
            "rtdose_rle.dcm, 15, 1, 0.05",
    })
    void matchesDcmtk(String name, int frame, int maxAllowed, double meanAllowed) throws Exception {
        Path file = PYDICOM.resolve(name);
        RenderResult result = renderer.render(file, name, frame, Optional.empty(), 0);
        assertThat(result).as(name).isInstanceOf(RenderResult.Rendered.class);
        RenderResult.Rendered ours = (RenderResult.Rendered) result;
        BufferedImage reference = dcmj2pnm(file, frame, ours.window());
        compare(name + " #" + frame + " vs dcmj2pnm", ours, reference, maxAllowed, meanAllowed);
    }

    /** Compressed syntaxes DCMTK's dcmj2pnm cannot read: the same image stored uncompressed is the reference. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "MR_small_jp2klossless.dcm, MR_small.dcm",       // JPEG 2000 lossless
            "MR_small_jpeg_ls_lossless.dcm, MR_small.dcm",   // JPEG-LS lossless (DCMTK dcmdjpls fallback)
    })
    void losslessEqualsUncompressed(String compressed, String uncompressed) throws Exception {
        RenderResult.Rendered ours = rendered(PYDICOM.resolve(compressed));
        BufferedImage reference = dcmj2pnm(PYDICOM.resolve(uncompressed), 1, ours.window());
        compare(compressed + " vs dcmj2pnm " + uncompressed, ours, reference, 0, 0);
    }

    /** JPEG lossless (process 14) and JPEG-LS made by DCMTK from CT_small, each against the original. */
    @Test
    void jpegLosslessAndJpegLsFromDcmtkEqualTheOriginal() throws Exception {
        Path original = PYDICOM.resolve("CT_small.dcm");
        Path lossless = tmp.resolve("ct-jpeg-lossless.dcm");
        Path jpegLs = tmp.resolve("ct-jpeg-ls.dcm");
        exec("dcmcjpeg", "+e1", original.toString(), lossless.toString());
        exec("dcmcjpls", original.toString(), jpegLs.toString());
        for (Path compressed : List.of(lossless, jpegLs)) {
            RenderResult.Rendered ours = rendered(compressed);
            BufferedImage reference = dcmj2pnm(original, 1, ours.window());
            compare(compressed.getFileName() + " vs dcmj2pnm CT_small.dcm", ours, reference, 0, 0);
        }
    }

    /** Lossy JPEG 2000 (and the colour RCT file): the decoded samples against OpenJPEG's. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"JPEG2000.dcm, 1, 0.01", "693_J2KI.dcm, 1, 0.01", "SC_rgb_gdcm_KY.dcm, 1, 0.01",
            // known: jai-imageio's inverse RCT differs from OpenJPEG (and GDCM) at a few text edges
            "GDCMJ2K_TextGBR.dcm, 128, 1.0"})
    void jpeg2000MatchesOpenJpeg(String name, int maxAllowed, double meanAllowed) throws Exception {
        Path file = PYDICOM.resolve(name);
        AttributeList list = FrameDecoder.read(file, false);
        byte[] codestream = ((OtherByteAttributeMultipleCompressedFrames) list.get(TagFromName.PixelData))
                .getFrames()[0];
        Path j2k = tmp.resolve(name + (codestream[4] == 'j' && codestream[5] == 'P' ? ".jp2" : ".j2k"));
        Files.write(j2k, codestream);
        Path pnm = tmp.resolve(name + ".pnm");
        exec("opj_decompress", "-quiet", "-i", j2k.toString(), "-o", pnm.toString());
        Raster reference = readPnm(pnm);
        FrameDecoder.Header h = FrameDecoder.Header.of(list);
        FrameDecoder.Samples samples = new Codecs().decode(
                com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID),
                codestream, h);
        int[] expected = reference.getPixels(0, 0, reference.getWidth(), reference.getHeight(), (int[]) null);
        // opj_decompress writes signed components shifted by half their range; ours keep the two's complement bits
        int siz = indexOf(codestream, (byte) 0xFF, (byte) 0x51);
        int ssiz = codestream[siz + 40] & 0xFF;
        if ((ssiz & 0x80) != 0) {
            int precision = (ssiz & 0x7F) + 1;
            int mask = (1 << precision) - 1;
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (expected[i] - (1 << (precision - 1))) & mask;
                samples.values()[i] &= mask;
            }
        }
        assertThat(samples.values().length).isEqualTo(expected.length);
        long sum = 0;
        int max = 0;
        for (int i = 0; i < expected.length; i++) {
            int d = Math.abs(samples.values()[i] - expected[i]);
            sum += d;
            max = Math.max(max, d);
        }
        double mean = (double) sum / expected.length;
        record(name + " samples vs opj_decompress", max, mean);
        assertThat(max).as(name + " max sample difference").isLessThanOrEqualTo(maxAllowed);
        assertThat(mean).as(name + " mean sample difference").isLessThanOrEqualTo(meanAllowed);
        // and the whole chain draws it
        assertThat(renderer.render(file, name, 1, Optional.empty(), 0)).isInstanceOf(RenderResult.Rendered.class);
    }

    @Test
    void monochrome1IsInverted() throws Exception {
        Path original = PYDICOM.resolve("CT_small.dcm");
        Path mono1 = tmp.resolve("ct-monochrome1.dcm");
        Files.copy(original, mono1);
        exec("dcmodify", "-nb", "-i", "(0028,0004)=MONOCHROME1", mono1.toString());
        Window window = new Window(40, 400);
        RenderResult.Rendered normal = (RenderResult.Rendered) renderer.render(original, "m2", 1, Optional.of(window), 0);
        RenderResult.Rendered inverted = (RenderResult.Rendered) renderer.render(mono1, "m1", 1, Optional.of(window), 0);
        Raster a = png(normal).getRaster();
        Raster b = png(inverted).getRaster();
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                assertThat(b.getSample(x, y, 0)).isCloseTo(255 - a.getSample(x, y, 0), within(1));
            }
        }
        compare("MONOCHROME1 vs dcmj2pnm", inverted, dcmj2pnm(mono1, 1, window), 0, 0);
    }

    @Test
    void rgbChannelsAreInTheRightOrder() throws Exception {
        // SC_rgb_*: the top band is red (255,0,0) in every variant
        for (String name : List.of("SC_rgb_dcmtk_+eb+cr.dcm", "SC_rgb_rle.dcm", "SC_rgb_jpeg_dcmtk.dcm",
                "SC_ybr_full_422_uncompressed.dcm")) {
            BufferedImage image = png(rendered(PYDICOM.resolve(name)));
            int rgb = image.getRGB(image.getWidth() / 2, 0) & 0xFFFFFF;
            assertThat((rgb >> 16) & 0xFF).as(name + " red").isGreaterThan(200);
            assertThat((rgb >> 8) & 0xFF).as(name + " green").isLessThan(50);
            assertThat(rgb & 0xFF).as(name + " blue").isLessThan(50);
        }
    }

    @Test
    void brokenAndImagelessObjectsAreNotRenderable() throws Exception {
        Path garbage = tmp.resolve("garbage.dcm");
        Files.write(garbage, "not a DICOM file at all".repeat(20).getBytes(StandardCharsets.US_ASCII));
        for (Path file : List.of(PYDICOM.resolve("MR_truncated.dcm"), PYDICOM.resolve("rtplan.dcm"), garbage)) {
            assertThat(renderer.render(file, file.getFileName().toString(), 1, Optional.empty(), 0))
                    .as(file.getFileName().toString()).isInstanceOf(RenderResult.NotRenderable.class);
        }
        assertThat(renderer.render(PYDICOM.resolve("CT_small.dcm"), "ct", 2, Optional.empty(), 0))
                .as("a frame beyond the last").isInstanceOf(RenderResult.NotRenderable.class);
    }

    @Test
    void jpegLsWithoutDcmtkIsNotRenderable() {
        DicomRenderer withoutTools = new DicomRenderer(tmp.resolve("cache-no-tools"), 1 << 20, 1 << 20, List.of());
        RenderResult result = withoutTools.render(PYDICOM.resolve("MR_small_jpeg_ls_lossless.dcm"), "jls", 1,
                Optional.empty(), 0);
        assertThat(result).isInstanceOf(RenderResult.NotRenderable.class);
        assertThat(((RenderResult.NotRenderable) result).reason()).contains("DCMTK");
    }

    @Test
    void thumbnailsAreSmallAndRenderingsAreCachedOnDisk() throws Exception {
        Path file = PYDICOM.resolve("CT_small.dcm");
        DicomRenderer fresh = new DicomRenderer(tmp.resolve("cache-thumb"), 1 << 20, 1 << 20);
        RenderResult.Rendered thumb = (RenderResult.Rendered) fresh.thumbnail(file, "ct-thumb");
        assertThat(Math.max(thumb.width(), thumb.height())).isLessThanOrEqualTo(DicomRenderer.THUMBNAIL_SIZE);
        assertThat(png(thumb).getWidth()).isEqualTo(thumb.width());
        long cached = fresh.cacheBytes();
        assertThat(cached).isPositive();
        RenderResult.Rendered again = (RenderResult.Rendered) fresh.thumbnail(file, "ct-thumb");
        assertThat(again.png()).isEqualTo(thumb.png());
        assertThat(again.window()).isEqualTo(thumb.window());
        assertThat(fresh.cacheBytes()).isEqualTo(cached);
    }

    @Test
    void diskCacheStaysWithinItsBound() {
        Path file = PYDICOM.resolve("CT_small.dcm");
        DicomRenderer small = new DicomRenderer(tmp.resolve("cache-bound"), 200_000, 1 << 20);
        for (int c = 0; c < 40; c++) {
            small.render(file, "ct", 1, Optional.of(new Window(c * 10, 400)), 0);
        }
        assertThat(small.cacheBytes()).isLessThanOrEqualTo(200_000);
    }

    @Test
    void storedWindowIsTheDefault() throws Exception {
        Path file = PYDICOM.resolve("MR_small.dcm");
        ImageInfo info = renderer.describe(file);
        assertThat(info.frames()).isEqualTo(1);
        assertThat(info.window()).isPresent();
        RenderResult.Rendered r = rendered(file);
        assertThat(r.window()).isEqualTo(info.window().get());
    }

    // --- helpers

    private static RenderResult.Rendered rendered(Path file) {
        RenderResult result = renderer.render(file, file.getFileName().toString(), 1, Optional.empty(), 0);
        assertThat(result).as(file.getFileName().toString()).isInstanceOf(RenderResult.Rendered.class);
        return (RenderResult.Rendered) result;
    }

    private static BufferedImage png(RenderResult.Rendered r) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(r.png()));
    }

    static BufferedImage dcmj2pnm(Path file, int frame, Window window) throws Exception {
        Path out = tmp.resolve(file.getFileName() + "-" + frame + "-" + System.nanoTime() + ".png");
        List<String> cmd = new ArrayList<>(List.of("dcmj2pnm", "+F", String.valueOf(frame)));
        if (window != null) {
            cmd.addAll(List.of("+Ww", Double.toString(window.center()), Double.toString(window.width())));
        }
        cmd.addAll(List.of("+on", file.toString(), out.toString()));
        exec(cmd.toArray(String[]::new));
        return ImageIO.read(out.toFile());
    }

    private static void compare(String what, RenderResult.Rendered ours, BufferedImage reference, int maxAllowed,
            double meanAllowed) throws IOException {
        Raster a = png(ours).getRaster();
        BufferedImage refRgb = reference;
        assertThat(a.getWidth()).as(what + " width").isEqualTo(reference.getWidth());
        assertThat(a.getHeight()).as(what + " height").isEqualTo(reference.getHeight());
        int bands = a.getNumBands();
        long sum = 0;
        int max = 0;
        long n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int rgb = refRgb.getRGB(x, y);
                for (int b = 0; b < bands; b++) {
                    int expected = bands == 1 ? refRgb.getRaster().getSample(x, y, 0) : (rgb >> (16 - 8 * b)) & 0xFF;
                    int d = Math.abs(a.getSample(x, y, b) - expected);
                    sum += d;
                    max = Math.max(max, d);
                    n++;
                }
            }
        }
        double mean = (double) sum / n;
        record(what + (ours.window() == null ? "" : " at window " + ours.window().key()), max, mean);
        assertThat(max).as(what + " max difference (mean " + mean + ")").isLessThanOrEqualTo(maxAllowed);
        assertThat(mean).as(what + " mean difference").isLessThanOrEqualTo(meanAllowed);
    }

    private static synchronized void record(String what, int max, double mean) {
        String line = String.format(Locale.ROOT, "%-70s max %3d  mean %.4f", what, max, mean);
        REPORT.add(line);
        System.out.println(line);
    }

    /** Reads a binary PGM/PPM (8 or 16 bits), as opj_decompress writes it. */
    private static Raster readPnm(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int[] pos = {0};
        String magic = token(b, pos);
        int w = Integer.parseInt(token(b, pos));
        int h = Integer.parseInt(token(b, pos));
        int maxval = Integer.parseInt(token(b, pos));
        pos[0]++;
        int bands = magic.equals("P6") ? 3 : 1;
        int bytes = maxval > 255 ? 2 : 1;
        java.awt.image.WritableRaster r = Raster.createBandedRaster(java.awt.image.DataBuffer.TYPE_INT, w, h, bands,
                null);
        int at = pos[0];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int s = 0; s < bands; s++) {
                    int v = bytes == 2 ? ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF) : b[at] & 0xFF;
                    at += bytes;
                    r.setSample(x, y, s, v);
                }
            }
        }
        return r;
    }

    private static int indexOf(byte[] b, byte first, byte second) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == first && b[i + 1] == second) {
                return i;
            }
        }
        throw new AssertionError("no SIZ marker");
    }

    private static String token(byte[] b, int[] pos) {
        while (Character.isWhitespace(b[pos[0]]) || b[pos[0]] == '#') {
            if (b[pos[0]] == '#') {
                while (b[pos[0]] != '\n') {
                    pos[0]++;
                }
            }
            pos[0]++;
        }
        int start = pos[0];
        while (!Character.isWhitespace(b[pos[0]])) {
            pos[0]++;
        }
        return new String(b, start, pos[0] - start, StandardCharsets.US_ASCII);
    }

    static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + new String(out, StandardCharsets.UTF_8))
                .isZero();
    }
}
