// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

/** The request clashes with what exists (e.g. the patient is already enrolled). */
public class Conflict extends ImageShareException {

    private static final long serialVersionUID = 1L;

    public Conflict(String message) {
        super(message);
    }
}
