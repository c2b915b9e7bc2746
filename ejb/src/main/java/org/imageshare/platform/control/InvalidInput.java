// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

/** A parameter is missing or malformed; {@link #field()} names it as the API and the form name it. */
public class InvalidInput extends ImageShareException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInput(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
