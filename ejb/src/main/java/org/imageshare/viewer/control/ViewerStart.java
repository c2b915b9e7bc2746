// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

import java.util.List;

/**
 * What the viewer page carries so that the browser can ask for the first image at once, without first
 * asking for the series: the study's series (each with its first instance) and, optionally, the instances of
 * the first one (empty: the script asks for them).
 */
public record ViewerStart(String studyInstanceUid, List<SeriesView> series, List<InstanceView> firstSeriesInstances) {

    public ViewerStart {
        series = List.copyOf(series);
        firstSeriesInstances = List.copyOf(firstSeriesInstances);
    }
}
