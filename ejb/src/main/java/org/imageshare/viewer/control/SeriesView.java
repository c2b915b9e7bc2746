// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

/**
 * One series of a study as the viewer lists it (no PHI beyond the series' own description), with its first
 * instance in display order so that the first image can be asked for before the instance list arrives.
 */
public record SeriesView(String seriesInstanceUid, Integer seriesNumber, String modality, String description,
        int numberOfInstances, String firstSopInstanceUid) {
}
