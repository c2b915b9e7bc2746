// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

/** One series of a study as the viewer lists it (no PHI beyond the series' own description). */
public record SeriesView(String seriesInstanceUid, Integer seriesNumber, String modality, String description,
        int numberOfInstances) {
}
