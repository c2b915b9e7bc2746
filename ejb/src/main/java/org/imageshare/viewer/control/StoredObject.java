// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

import java.nio.file.Path;

/** A stored instance the scope allows: where its file is. */
public record StoredObject(String sopInstanceUid, Path file) {
}
