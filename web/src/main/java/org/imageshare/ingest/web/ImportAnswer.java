// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.web;

import java.util.List;
import org.imageshare.ingest.control.ImportedObject;
import org.imageshare.ingest.control.MediaImportResult;

/** The JSON answer of a CD import: counts, why it stopped early (or null), and each file's outcome. */
public record ImportAnswer(String name, long stored, long duplicates, long rejected, long skipped,
                           String stoppedBecause, List<ImportedObject> files) {

    public static ImportAnswer of(MediaImportResult r) {
        return new ImportAnswer(r.name(), r.stored(), r.duplicates(), r.rejected(), r.skipped(), r.stoppedBecause(),
                r.files());
    }
}
