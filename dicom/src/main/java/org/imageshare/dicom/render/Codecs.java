// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decoders for encapsulated frames. The readers are instantiated directly (not looked up in the ImageIO
 * registry, which an application server fills from its own class path, not the application's):
 * <ul>
 * <li>JPEG baseline, extended (8-bit) and lossless: TwelveMonkeys {@code imageio-jpeg} (lossless itself,
 * the rest through the JDK's reader);</li>
 * <li>JPEG 2000: {@code jai-imageio-jpeg2000};</li>
 * <li>RLE Lossless: {@link Rle};</li>
 * <li>JPEG-LS and 12-bit JPEG: no Java decoder exists; {@link NativeTranscoder} hands the object to
 * DCMTK when it is installed, otherwise the frame is not renderable.</li>
 * </ul>
 */
final class Codecs {

    static final String RLE = "1.2.840.10008.1.2.5";
    static final Set<String> JPEG = Set.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51",
            "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70");
    static final Set<String> JPEG_LS = Set.of("1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81");
    static final Set<String> JPEG_2000 = Set.of("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91",
            "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203");

    private static final ImageReaderSpi JPEG_SPI = new JPEGImageReaderSpi();
    private static final ImageReaderSpi J2K_SPI = new J2KImageReaderSpi();

    /** True when the syntax needs the native transcoder (no Java decoder). */
    static boolean needsNative(String syntax) {
        return JPEG_LS.contains(syntax);
    }

    FrameDecoder.Samples decode(String syntax, byte[] frame, FrameDecoder.Header h) throws NotRenderableException {
        if (RLE.equals(syntax)) {
            return Rle.decode(frame, h);
        }
        if (JPEG.contains(syntax)) {
            return imageIo(JPEG_SPI, frame, h);
        }
        if (JPEG_2000.contains(syntax)) {
            return imageIo(J2K_SPI, frame, h);
        }
        throw new NotRenderableException("transfer syntax " + syntax + " has no decoder here");
    }

    private static FrameDecoder.Samples imageIo(ImageReaderSpi spi, byte[] frame, FrameDecoder.Header h)
            throws NotRenderableException {
        ImageReader reader = null;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(frame))) {
            reader = spi.createReaderInstance();
            reader.setInput(in, true, true);
            BufferedImage image = reader.read(0);
            Raster raster = image.getRaster();
            int bands = raster.getNumBands();
            if (bands != h.samplesPerPixel) {
                throw new NotRenderableException("the codec gave " + bands + " samples per pixel, the header "
                        + h.samplesPerPixel);
            }
            if (raster.getWidth() != h.columns || raster.getHeight() != h.rows) {
                throw new NotRenderableException("the codec gave another image size than the header");
            }
            int[] values = raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
            // colour codecs hand out RGB (they undo YCbCr, RCT and ICT themselves)
            return new FrameDecoder.Samples(raster.getWidth(), raster.getHeight(), bands, values,
                    bands == 3 ? "RGB" : h.photometric);
        } catch (IOException | RuntimeException e) {
            throw new NotRenderableException("the frame cannot be decoded", e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }
}
