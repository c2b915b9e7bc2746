// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

import java.util.Optional;

/**
 * What the viewer needs to know about a stored object before drawing it, from its header alone.
 *
 * @param frames         number of frames (1 for a single-frame image, 0 when there is no pixel data)
 * @param rows           image height
 * @param columns        image width
 * @param colour         true for RGB/YBR objects (no window applies)
 * @param window         the first window stored in the object, if any
 * @param sliceLocation  the position along the slice normal (from Image Position/Orientation), if known
 * @param frameTimeMillis the frame time for cine, if the object gives one
 */
public record ImageInfo(int frames, int rows, int columns, boolean colour, Optional<Window> window,
        Optional<Double> sliceLocation, Optional<Double> frameTimeMillis) {
}
