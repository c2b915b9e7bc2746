// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

/** The calling-AE allow-list changed in the current transaction; the listener reloads it after commit. */
public record AllowListChanged() {
}
