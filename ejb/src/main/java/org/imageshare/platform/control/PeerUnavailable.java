// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

/** A remote system we depend on (e.g. the PACS) could not be reached or refused; the message says which and why. */
public class PeerUnavailable extends ImageShareException {

    private static final long serialVersionUID = 1L;

    public PeerUnavailable(String message) {
        super(message);
    }
}
