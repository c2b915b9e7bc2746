// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.dicom.render.RenderResult;
import org.imageshare.dicom.render.Window;
import org.imageshare.login.control.PatientIdentity;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.control.StudyQueries;
import org.imageshare.study.control.StudySummary;
import org.imageshare.viewer.control.InstanceView;
import org.imageshare.viewer.control.Renderings;
import org.imageshare.viewer.control.SeriesView;
import org.imageshare.viewer.control.StudyScope;
import org.imageshare.viewer.control.ViewerAccess;
import org.imageshare.viewer.control.ViewerQueries;

/**
 * The viewer for a signed-in patient: their own released studies, nobody else's. Each call resolves the
 * scope again (a study put on hold, or a session that ended, stops the next request).
 */
@Stateless
@LocalBean
@RolesAllowed(StaffRole.PATIENT)
public class PatientViewer implements ViewerAccess {

    /** Largest rendered size a client may ask for. */
    static final int MAX_SIZE = 4096;

    @Resource
    SessionContext context;

    @Inject
    StudyQueries studies;

    @Inject
    ViewerQueries queries;

    @Inject
    Renderings renderings;

    @Inject
    Event<AuditEvent> audit;

    /** The series of a study; this opens a viewing session and writes one STUDY_VIEWED audit line. */
    @Override
    public List<SeriesView> open(String studyUid) {
        StudyScope scope = scope();
        List<SeriesView> series = queries.series(scope, studyUid);
        audit.fire(AuditEvent.byCaller(AuditAction.STUDY_VIEWED, scope.accountId(),
                scope.route() + " study=" + studyUid));
        return series;
    }

    @Override
    public List<InstanceView> instances(String studyUid, String seriesUid) {
        return queries.instances(scope(), studyUid, seriesUid);
    }

    @Override
    public RenderResult frame(String studyUid, String sopUid, int frameNumber, Optional<Window> window, int size) {
        if (frameNumber < 1) {
            throw new InvalidInput("frame", "frames are numbered from 1");
        }
        if (size < 0 || size > MAX_SIZE) {
            throw new InvalidInput("size", "must be between 0 and " + MAX_SIZE);
        }
        return renderings.frame(queries.object(scope(), studyUid, sopUid), frameNumber, window, size);
    }

    @Override
    public RenderResult thumbnail(String studyUid, String seriesUid) {
        return renderings.thumbnail(queries.representative(scope(), studyUid, seriesUid));
    }

    /** The caller's released studies, resolved now. */
    StudyScope scope() {
        PatientIdentity me = PatientIdentity.fromCallerName(context.getCallerPrincipal().getName())
                .orElseThrow(() -> new NotFound("no patient account"));
        return new StudyScope(studies.releasedOf(me.accountId()).stream().map(StudySummary::studyInstanceUid)
                .collect(Collectors.toSet()), me.accountId(), "patient");
    }
}
