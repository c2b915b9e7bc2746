// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

import jakarta.ejb.ApplicationException;

/**
 * Root of the business errors: unchecked, rolls the transaction back, and carries a message that is safe
 * to show to the user (no PHI beyond what the user typed, no internals). The web layer turns each kind
 * into a status code and a message in one place.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class ImageShareException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected ImageShareException(String message) {
        super(message);
    }
}
