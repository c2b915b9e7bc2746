// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

/** The caller may not do this now (e.g. share without consent); the API answers 403. */
public class Forbidden extends ImageShareException {

    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
        super(message);
    }
}
