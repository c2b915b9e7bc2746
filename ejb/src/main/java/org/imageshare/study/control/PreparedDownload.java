// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import org.imageshare.dicom.StudyArchive;

/** A study ZIP ready to stream, with the file name to offer. */
public record PreparedDownload(StudyArchive archive, String fileName) {
}
