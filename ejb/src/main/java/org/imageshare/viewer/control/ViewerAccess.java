// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.control;

import java.util.List;
import java.util.Optional;
import org.imageshare.dicom.render.RenderResult;
import org.imageshare.dicom.render.Window;

/**
 * What the viewer's REST resources call, whatever the route: each implementation (a boundary) resolves its
 * own {@link StudyScope} per call — the signed-in patient's released studies ({@code PatientViewer}), or
 * later a share link's studies — and answers "not found" for anything outside it.
 */
public interface ViewerAccess {

    /** The series of a study; opens a viewing session (one STUDY_VIEWED audit line). */
    List<SeriesView> open(String studyUid);

    List<InstanceView> instances(String studyUid, String seriesUid);

    RenderResult frame(String studyUid, String sopUid, int frameNumber, Optional<Window> window, int size);

    RenderResult thumbnail(String studyUid, String seriesUid);
}
