// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.dicom.render.RenderResult;
import org.imageshare.dicom.render.Window;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;
import org.imageshare.sharing.control.ShareGrant;
import org.imageshare.viewer.control.InstanceView;
import org.imageshare.viewer.control.Renderings;
import org.imageshare.viewer.control.SeriesView;
import org.imageshare.viewer.control.StudyScope;
import org.imageshare.viewer.control.ViewerAccess;
import org.imageshare.viewer.control.ViewerQueries;
import org.imageshare.viewer.control.ViewerStart;

/**
 * The viewer behind a share link: exactly the grant's studies. No sign-in: the caller is whoever holds the
 * link, so every method takes the {@link ShareGrant} that {@code ShareAccess.authorize} returned for this very
 * request (nothing is kept between requests; a revoked link fails the next authorization).
 */
@Stateless
@PermitAll
public class ShareViewer {

    @Inject
    ViewerQueries queries;

    @Inject
    Renderings renderings;

    @Inject
    Event<AuditEvent> audit;

    /** The series of a shared study; opens a viewing session: one STUDY_VIEWED line in the patient's access log. */
    public List<SeriesView> open(ShareGrant grant, String studyUid) {
        StudyScope scope = scope(grant);
        List<SeriesView> series = queries.series(scope, studyUid);
        audit.fire(AuditEvent.byCaller(AuditAction.STUDY_VIEWED, scope.accountId(),
                scope.route() + " study=" + studyUid));
        return series;
    }

    /**
     * What the viewer page carries: the series, as {@link #open} (one STUDY_VIEWED line), each naming its first
     * instance, which is all the first image needs. The instance list (500 rows for a CT) is left to the script,
     * which asks for it while the first image loads: carried in the page it cost the link page more than it saved.
     * When the first image is in the render cache (a new share's is rendered in the background), the page says so
     * with the window it was drawn at, and the browser asks for that image once, not twice.
     */
    public ViewerStart start(ShareGrant grant, String studyUid) {
        List<SeriesView> series = open(grant, studyUid);
        return new ViewerStart(studyUid, series, List.of(), firstImage(scope(grant), studyUid, series));
    }

    private ViewerStart.FirstImage firstImage(StudyScope scope, String studyUid, List<SeriesView> series) {
        if (series.isEmpty() || series.get(0).firstSopInstanceUid() == null) {
            return null;
        }
        try {
            return renderings.cachedFrame(queries.object(scope, studyUid, series.get(0).firstSopInstanceUid()), 1)
                    .map(rendered -> new ViewerStart.FirstImage(rendered.window())).orElse(null);
        } catch (NotFound e) {
            return null; // removed meanwhile: the script finds out
        }
    }

    public List<InstanceView> instances(ShareGrant grant, String studyUid, String seriesUid) {
        return queries.instances(scope(grant), studyUid, seriesUid);
    }

    public RenderResult frame(ShareGrant grant, String studyUid, String sopUid, int frameNumber,
            Optional<Window> window, int size) {
        if (frameNumber < 1) {
            throw new InvalidInput("frame", "frames are numbered from 1");
        }
        if (size < 0 || size > PatientViewer.MAX_SIZE) {
            throw new InvalidInput("size", "must be between 0 and " + PatientViewer.MAX_SIZE);
        }
        return renderings.frame(queries.object(scope(grant), studyUid, sopUid), frameNumber, window, size);
    }

    public RenderResult thumbnail(ShareGrant grant, String studyUid, String seriesUid) {
        return renderings.thumbnail(queries.representative(scope(grant), studyUid, seriesUid));
    }

    /** The {@link ViewerAccess} of one request: this boundary bound to the request's grant. */
    public static ViewerAccess bound(ShareViewer viewer, ShareGrant grant) {
        return new ViewerAccess() {
            @Override
            public List<SeriesView> open(String studyUid) {
                return viewer.open(grant, studyUid);
            }

            @Override
            public List<InstanceView> instances(String studyUid, String seriesUid) {
                return viewer.instances(grant, studyUid, seriesUid);
            }

            @Override
            public RenderResult frame(String studyUid, String sopUid, int frameNumber, Optional<Window> window,
                    int size) {
                return viewer.frame(grant, studyUid, sopUid, frameNumber, window, size);
            }

            @Override
            public RenderResult thumbnail(String studyUid, String seriesUid) {
                return viewer.thumbnail(grant, studyUid, seriesUid);
            }
        };
    }

    static StudyScope scope(ShareGrant grant) {
        return new StudyScope(grant.studyInstanceUids(), grant.accountId(), "share " + grant.shareId());
    }
}
