// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

/**
 * A VOI window in modality units (after rescale slope/intercept), applied with the linear function of
 * PS3.3 C.11.2.1.2.1.
 */
public record Window(double center, double width) {

    public Window {
        if (!Double.isFinite(center) || !Double.isFinite(width) || width < 1) {
            throw new IllegalArgumentException("window width must be at least 1 and both values finite");
        }
    }

    /** The window as text for a cache key and headers, e.g. {@code 40_400}. */
    public String key() {
        return plain(center) + "_" + plain(width);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
