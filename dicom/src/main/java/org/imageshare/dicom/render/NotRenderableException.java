// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

/** The object holds no image this renderer can draw: no pixel data, an unsupported codec or broken data. */
public class NotRenderableException extends Exception {

    private static final long serialVersionUID = 1L;

    public NotRenderableException(String reason) {
        super(reason);
    }

    public NotRenderableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
