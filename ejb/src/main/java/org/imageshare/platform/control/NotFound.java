// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

/** What the request names does not exist (or the caller may not know that it does). */
public class NotFound extends ImageShareException {

    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(message);
    }
}
