// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import java.nio.file.Path;

/** One stored object and its file (absolute path in the image store). */
public record StoredObject(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
                           String sopClassUid, String transferSyntaxUid, Path file, long fileSize) {
}
