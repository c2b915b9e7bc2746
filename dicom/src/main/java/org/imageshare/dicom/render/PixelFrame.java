// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

/**
 * One decoded frame, ready for windowing: grey frames hold modality values (rescale applied), colour
 * frames hold packed 8-bit RGB ({@code 0xRRGGBB}).
 *
 * @param grey          modality values, row by row; null for colour
 * @param rgb           packed RGB; null for grey
 * @param inverted      MONOCHROME1: high values are dark
 * @param storedWindow  the window the object names (or null)
 * @param voiLut        the VOI LUT the object carries (or null)
 */
record PixelFrame(int width, int height, float[] grey, int[] rgb, boolean inverted, Window storedWindow,
        VoiLut voiLut) {

    boolean colour() {
        return rgb != null;
    }

    /** A rough size in bytes, for the in-memory cache. */
    long bytes() {
        return 4L * width * height;
    }

    /** The window that spans the frame's values, for objects that name none. */
    Window minMaxWindow() {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : grey) {
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        if (!(min <= max)) {
            return new Window(0, 1);
        }
        return new Window((min + max) / 2.0, Math.max(1.0, max - min));
    }

    /** A VOI LUT (0028,3010): the first mapped value, the table and its bit depth. */
    record VoiLut(int firstMapped, int[] data, int bits) {

        int apply(double x) {
            int index = (int) Math.round(x) - firstMapped;
            int v = data[Math.max(0, Math.min(data.length - 1, index))];
            return bits > 8 ? v >> (bits - 8) : v;
        }
    }
}
