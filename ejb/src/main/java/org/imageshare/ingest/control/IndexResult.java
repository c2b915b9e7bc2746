// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.util.Optional;

/**
 * What indexing one object did.
 *
 * @param newInstance  false for a resend of a SOP instance already stored
 * @param obsoletePath a file the resend made obsolete (the old one lay elsewhere in the store), to delete
 *                     after the commit
 */
public record IndexResult(boolean newInstance, Optional<String> obsoletePath) {

    public static IndexResult created() {
        return new IndexResult(true, Optional.empty());
    }

    public static IndexResult replaced(Optional<String> obsoletePath) {
        return new IndexResult(false, obsoletePath);
    }
}
