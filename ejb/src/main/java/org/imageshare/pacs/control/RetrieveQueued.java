// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.control;

import java.util.List;

/** Tasks written in the current transaction; the worker starts on them once it has committed. */
public record RetrieveQueued(List<Long> taskIds) {
}
