// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

/** What a request for a rendered frame gives: a PNG, or a typed "cannot be drawn here". */
public sealed interface RenderResult {

    /** An 8-bit grey or RGB PNG drawn at {@code window} (null for colour images, which have no window). */
    record Rendered(byte[] png, Window window, int width, int height) implements RenderResult {
    }

    /** The object cannot be drawn here (the reason names no patient data); the viewer offers the download. */
    record NotRenderable(String reason) implements RenderResult {
    }
}
