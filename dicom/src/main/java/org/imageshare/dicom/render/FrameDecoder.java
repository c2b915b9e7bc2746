// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a stored object and decodes one frame into modality values or RGB. Uncompressed, deflated and
 * big-endian data are read by PixelMed; encapsulated frames go to {@link Codecs}.
 */
final class FrameDecoder {

    private static final AttributeTag VOI_LUT_SEQUENCE = TagFromName.VOILUTSequence;

    private final Codecs codecs;

    FrameDecoder(Codecs codecs) {
        this.codecs = codecs;
    }

    /** The header only (stops before the pixel data). */
    ImageInfo describe(Path file) throws NotRenderableException {
        AttributeList list = read(file, true);
        Header h = Header.of(list);
        int frames = list.get(TagFromName.PixelData) == null && h.rows == 0 ? 0 : h.frames;
        Optional<Double> frameTime = Optional.of(Attribute.getSingleDoubleValueOrDefault(list, TagFromName.FrameTime, 0))
                .filter(t -> t > 0);
        return new ImageInfo(h.rows > 0 ? frames : 0, h.rows, h.columns, h.colour(), Optional.ofNullable(h.window),
                sliceLocation(list), frameTime);
    }

    PixelFrame decode(Path file, int frame) throws NotRenderableException {
        AttributeList list = read(file, false);
        Attribute pixelData = list.get(TagFromName.PixelData);
        if (pixelData == null) {
            throw new NotRenderableException("no pixel data");
        }
        Header h = Header.of(list);
        h.check(frame);
        String syntax = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID);
        Samples samples;
        try {
            if (pixelData instanceof OtherByteAttributeMultipleCompressedFrames encapsulated) {
                byte[][] frames = encapsulated.getFrames();
                if (frames == null || frame >= frames.length) {
                    throw new NotRenderableException("frame " + (frame + 1) + " is missing from the pixel data");
                }
                samples = codecs.decode(syntax, frames[frame], h);
            } else {
                samples = uncompressed(pixelData.getByteValues(false), h, frame);
            }
        } catch (DicomException e) {
            throw new NotRenderableException("pixel data cannot be read", e);
        }
        return toFrame(samples, h, list);
    }

    static AttributeList read(Path file, boolean headerOnly) throws NotRenderableException {
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536);
                DicomInputStream dicom = new DicomInputStream(in)) {
            if (headerOnly) {
                list.read(dicom, TagFromName.PixelData);
            } else {
                list.read(dicom);
            }
        } catch (IOException | DicomException | RuntimeException e) {
            throw new NotRenderableException("the object cannot be read", e);
        }
        return list;
    }

    /** Frame bytes of native pixel data (little-endian), unpacked into interleaved samples. */
    static Samples uncompressed(byte[] all, Header h, int frame) throws NotRenderableException {
        if (h.bitsAllocated == 1 && h.samplesPerPixel == 1) {
            return bitmap(all, h, frame);
        }
        int bytesPerSample = h.bitsAllocated / 8;
        if (h.bitsAllocated % 8 != 0 || bytesPerSample < 1 || bytesPerSample > 4) {
            throw new NotRenderableException("bits allocated " + h.bitsAllocated + " is not supported");
        }
        int pixels = h.rows * h.columns;
        boolean ybr422 = h.photometric.equals("YBR_FULL_422") || h.photometric.equals("YBR_PARTIAL_422");
        long frameSamples = ybr422 ? 2L * pixels : (long) pixels * h.samplesPerPixel;
        long frameBytes = frameSamples * bytesPerSample;
        long offset = frameBytes * frame;
        if (offset + frameBytes > all.length) {
            throw new NotRenderableException("the pixel data is shorter than its frames");
        }
        int[] raw = new int[(int) frameSamples];
        int at = (int) offset;
        for (int i = 0; i < raw.length; i++) {
            int v = 0;
            for (int b = 0; b < bytesPerSample; b++) {
                v |= (all[at++] & 0xFF) << (8 * b);
            }
            raw[i] = v;
        }
        int[] out;
        if (ybr422) {
            out = new int[pixels * 3];
            for (int p = 0; p + 1 < pixels; p += 2) {
                int base = p * 2;
                int y0 = raw[base];
                int y1 = raw[base + 1];
                int cb = raw[base + 2];
                int cr = raw[base + 3];
                out[p * 3] = y0;
                out[p * 3 + 1] = cb;
                out[p * 3 + 2] = cr;
                out[p * 3 + 3] = y1;
                out[p * 3 + 4] = cb;
                out[p * 3 + 5] = cr;
            }
            return new Samples(h.columns, h.rows, 3, out, "YBR_FULL");
        }
        if (h.samplesPerPixel > 1 && h.planarConfiguration == 1) {
            out = new int[raw.length];
            for (int s = 0; s < h.samplesPerPixel; s++) {
                for (int p = 0; p < pixels; p++) {
                    out[p * h.samplesPerPixel + s] = raw[s * pixels + p];
                }
            }
        } else {
            out = raw;
        }
        return new Samples(h.columns, h.rows, h.samplesPerPixel, out, h.photometric);
    }

    /** 1-bit frames (e.g. segmentations): pixels packed little-end first, frames not byte-aligned. */
    private static Samples bitmap(byte[] all, Header h, int frame) throws NotRenderableException {
        long pixels = (long) h.rows * h.columns;
        long firstBit = pixels * frame;
        if ((firstBit + pixels + 7) / 8 > all.length) {
            throw new NotRenderableException("the pixel data is shorter than its frames");
        }
        int[] values = new int[(int) pixels];
        for (int i = 0; i < values.length; i++) {
            long bit = firstBit + i;
            values[i] = (all[(int) (bit >>> 3)] >> (bit & 7)) & 1;
        }
        return new Samples(h.columns, h.rows, 1, values, h.photometric);
    }

    /** Modality LUT (rescale) for grey, colour conversion to 8-bit RGB for colour. */
    static PixelFrame toFrame(Samples s, Header h, AttributeList list) throws NotRenderableException {
        int pixels = s.width() * s.height();
        if (s.samplesPerPixel() == 1) {
            float[] grey = new float[pixels];
            int bits = Math.min(h.bitsStored, 32);
            int shift = 32 - bits;
            boolean signed = h.pixelRepresentation == 1;
            double slope = h.slope;
            double intercept = h.intercept;
            int[] v = s.values();
            for (int i = 0; i < pixels; i++) {
                int x = v[i];
                long value = signed ? ((x << shift) >> shift) : (bits >= 32 ? (x & 0xFFFFFFFFL) : x & ((1 << bits) - 1));
                grey[i] = (float) (value * slope + intercept);
            }
            return new PixelFrame(s.width(), s.height(), grey, null, h.photometric.equals("MONOCHROME1"), h.window,
                    voiLut(list));
        }
        if (s.samplesPerPixel() != 3) {
            throw new NotRenderableException(s.samplesPerPixel() + " samples per pixel are not supported");
        }
        int shift = Math.max(0, h.bitsStored - 8);
        int[] v = s.values();
        int[] rgb = new int[pixels];
        boolean ybr = s.photometric().startsWith("YBR_FULL");
        for (int i = 0; i < pixels; i++) {
            int a = (int) ((v[3 * i] & 0xFFFFFFFFL) >> shift);
            int b = (int) ((v[3 * i + 1] & 0xFFFFFFFFL) >> shift);
            int c = (int) ((v[3 * i + 2] & 0xFFFFFFFFL) >> shift);
            if (ybr) {
                // PS3.3 C.7.6.3.1.2, YBR_FULL
                double y = a;
                double cb = b - 128.0;
                double cr = c - 128.0;
                a = clamp(Math.round(y + 1.402 * cr));
                b = clamp(Math.round(y - 0.344136 * cb - 0.714136 * cr));
                c = clamp(Math.round(y + 1.772 * cb));
            }
            rgb[i] = (clamp(a) << 16) | (clamp(b) << 8) | clamp(c);
        }
        return new PixelFrame(s.width(), s.height(), null, rgb, false, null, null);
    }

    private static int clamp(long v) {
        return (int) Math.max(0, Math.min(255, v));
    }

    private static PixelFrame.VoiLut voiLut(AttributeList list) {
        if (!(list.get(VOI_LUT_SEQUENCE) instanceof SequenceAttribute seq) || seq.getNumberOfItems() == 0) {
            return null;
        }
        AttributeList item = seq.getItem(0).getAttributeList();
        int[] descriptor = Attribute.getIntegerValues(item, TagFromName.LUTDescriptor);
        Attribute data = item.get(TagFromName.LUTData);
        if (descriptor == null || descriptor.length < 3 || data == null) {
            return null;
        }
        try {
            int[] values;
            if (descriptor[2] > 8 || "OW".equals(new String(data.getVR(), java.nio.charset.StandardCharsets.US_ASCII))
                    || "US".equals(new String(data.getVR(), java.nio.charset.StandardCharsets.US_ASCII))) {
                short[] shorts = data.getShortValues();
                values = new int[shorts.length];
                for (int i = 0; i < shorts.length; i++) {
                    values[i] = shorts[i] & 0xFFFF;
                }
            } else {
                byte[] bytes = data.getByteValues();
                values = new int[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    values[i] = bytes[i] & 0xFF;
                }
            }
            if (values.length == 0) {
                return null;
            }
            int first = descriptor[1];
            // the first mapped value is signed when the pixel data is (US or SS in the descriptor)
            if (first > 32767) {
                first -= 65536;
            }
            return new PixelFrame.VoiLut(first, values, descriptor[2]);
        } catch (DicomException e) {
            return null;
        }
    }

    /** Position along the normal of the image plane, for ordering a stack. */
    private static Optional<Double> sliceLocation(AttributeList list) {
        double[] position = Attribute.getDoubleValues(list, TagFromName.ImagePositionPatient);
        double[] orientation = Attribute.getDoubleValues(list, TagFromName.ImageOrientationPatient);
        if (position != null && position.length == 3 && orientation != null && orientation.length == 6) {
            double nx = orientation[1] * orientation[5] - orientation[2] * orientation[4];
            double ny = orientation[2] * orientation[3] - orientation[0] * orientation[5];
            double nz = orientation[0] * orientation[4] - orientation[1] * orientation[3];
            return Optional.of(position[0] * nx + position[1] * ny + position[2] * nz);
        }
        double location = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.SliceLocation, Double.NaN);
        return Double.isNaN(location) ? Optional.empty() : Optional.of(location);
    }

    /** Interleaved samples of one frame, as stored (before sign extension and rescale). */
    record Samples(int width, int height, int samplesPerPixel, int[] values, String photometric) {
    }

    /** The image pixel module attributes that drive decoding. */
    static final class Header {
        int rows;
        int columns;
        int frames;
        int samplesPerPixel;
        int bitsAllocated;
        int bitsStored;
        int pixelRepresentation;
        int planarConfiguration;
        String photometric;
        double slope;
        double intercept;
        Window window;

        static Header of(AttributeList list) {
            Header h = new Header();
            h.rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
            h.columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
            h.frames = Math.max(1, Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1));
            h.samplesPerPixel = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1);
            h.bitsAllocated = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 16);
            h.bitsStored = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsStored, h.bitsAllocated);
            h.pixelRepresentation = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PixelRepresentation, 0);
            h.planarConfiguration = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PlanarConfiguration, 0);
            h.photometric = Attribute.getSingleStringValueOrDefault(list, TagFromName.PhotometricInterpretation,
                    h.samplesPerPixel == 3 ? "RGB" : "MONOCHROME2").strip();
            h.slope = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleSlope, 1.0);
            if (h.slope == 0 || !Double.isFinite(h.slope)) {
                h.slope = 1.0;
            }
            h.intercept = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleIntercept, 0.0);
            double[] centers = Attribute.getDoubleValues(list, TagFromName.WindowCenter);
            double[] widths = Attribute.getDoubleValues(list, TagFromName.WindowWidth);
            if (centers != null && widths != null && centers.length > 0 && widths.length > 0
                    && Double.isFinite(centers[0]) && widths[0] >= 1) {
                h.window = new Window(centers[0], widths[0]);
            }
            return h;
        }

        boolean colour() {
            return samplesPerPixel == 3;
        }

        void check(int frame) throws NotRenderableException {
            if (rows <= 0 || columns <= 0 || (long) rows * columns > 64L * 1024 * 1024) {
                throw new NotRenderableException("no image of a drawable size");
            }
            if (samplesPerPixel != 1 && samplesPerPixel != 3) {
                throw new NotRenderableException(samplesPerPixel + " samples per pixel are not supported");
            }
            if (photometric.startsWith("PALETTE")) {
                throw new NotRenderableException("palette colour is not supported");
            }
            if (bitsStored < 1 || bitsStored > bitsAllocated) {
                throw new NotRenderableException("bits stored " + bitsStored + " does not fit bits allocated");
            }
            if (frame < 0 || frame >= frames) {
                throw new NotRenderableException("no frame " + (frame + 1));
            }
        }
    }
}
