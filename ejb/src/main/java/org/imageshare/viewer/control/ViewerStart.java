// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

import java.util.List;
import org.imageshare.dicom.render.Window;

/**
 * What the viewer page carries so that the browser can ask for the first image at once, without first
 * asking for the series: the study's series (each with its first instance) and, optionally, the instances of
 * the first one (empty: the script asks for them).
 *
 * @param firstImage the first image's rendering as the render cache holds it now, or null (not rendered yet:
 *                   the script fetches it)
 */
public record ViewerStart(String studyInstanceUid, List<SeriesView> series, List<InstanceView> firstSeriesInstances,
                          FirstImage firstImage) {

    public ViewerStart {
        series = List.copyOf(series);
        firstSeriesInstances = List.copyOf(firstSeriesInstances);
    }

    public ViewerStart(String studyInstanceUid, List<SeriesView> series, List<InstanceView> firstSeriesInstances) {
        this(studyInstanceUid, series, firstSeriesInstances, null);
    }

    /**
     * The first image is rendered and cached: the page's {@code <img>} is all the browser needs to ask for, and
     * the script takes the window it was drawn at from here instead of from the response's headers.
     *
     * @param window the window the image was drawn at; null for a colour image (drawn without one)
     */
    public record FirstImage(Window window) {
    }
}
