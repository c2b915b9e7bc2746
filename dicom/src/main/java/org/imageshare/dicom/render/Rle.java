// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

/** RLE Lossless (PS3.5 Annex G): one PackBits segment per byte plane, most significant byte first. */
final class Rle {

    private Rle() {
    }

    static FrameDecoder.Samples decode(byte[] frame, FrameDecoder.Header h) throws NotRenderableException {
        int bytesPerSample = h.bitsAllocated / 8;
        int spp = h.samplesPerPixel;
        int pixels = h.rows * h.columns;
        if (frame.length < 64) {
            throw new NotRenderableException("the RLE header is missing");
        }
        int segments = le32(frame, 0);
        if (segments != bytesPerSample * spp || segments > 15) {
            throw new NotRenderableException("the RLE frame has " + segments + " segments, expected "
                    + bytesPerSample * spp);
        }
        int[] values = new int[pixels * spp];
        byte[] plane = new byte[pixels];
        for (int seg = 0; seg < segments; seg++) {
            int start = le32(frame, 4 + 4 * seg);
            int end = seg + 1 < segments ? le32(frame, 8 + 4 * seg) : frame.length;
            if (start < 64 || start > frame.length || end < start || end > frame.length) {
                throw new NotRenderableException("an RLE segment offset is out of range");
            }
            unpack(frame, start, end, plane);
            int sample = seg / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - seg % bytesPerSample);
            for (int p = 0; p < pixels; p++) {
                values[p * spp + sample] |= (plane[p] & 0xFF) << shift;
            }
        }
        return new FrameDecoder.Samples(h.columns, h.rows, spp, values, h.photometric);
    }

    /** PackBits into {@code out}; a short segment leaves the rest zero, an overlong one is cut. */
    private static void unpack(byte[] in, int from, int to, byte[] out) {
        java.util.Arrays.fill(out, (byte) 0);
        int i = from;
        int o = 0;
        while (i < to && o < out.length) {
            int n = in[i++];
            if (n >= 0) {
                int count = Math.min(n + 1, Math.min(to - i, out.length - o));
                System.arraycopy(in, i, out, o, count);
                i += n + 1;
                o += count;
            } else if (n != -128) {
                if (i >= to) {
                    break;
                }
                byte b = in[i++];
                int count = Math.min(1 - n, out.length - o);
                java.util.Arrays.fill(out, o, o + count, b);
                o += count;
            }
        }
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
