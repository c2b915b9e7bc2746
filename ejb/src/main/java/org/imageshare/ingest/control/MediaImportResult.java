// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.util.List;

/**
 * The outcome of one uploaded CD archive or file: per file what happened, the counts, and why the import
 * stopped early if it did (a forged entry; what was stored before stays stored).
 */
public record MediaImportResult(String name, List<ImportedObject> files, String stoppedBecause) {

    public MediaImportResult {
        files = List.copyOf(files);
    }

    public long count(ImportedObject.Outcome outcome) {
        return files.stream().filter(f -> f.outcome() == outcome).count();
    }

    public long stored() {
        return count(ImportedObject.Outcome.STORED);
    }

    public long duplicates() {
        return count(ImportedObject.Outcome.DUPLICATE);
    }

    public long rejected() {
        return count(ImportedObject.Outcome.REJECTED);
    }

    public long skipped() {
        return count(ImportedObject.Outcome.SKIPPED);
    }
}
