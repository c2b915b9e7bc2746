// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import org.imageshare.login.control.PatientIdentity;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.control.DownloadGrant;
import org.imageshare.study.control.PreparedDownload;
import org.imageshare.study.control.StudyDownloads;
import org.imageshare.study.control.StudyQueries;
import org.imageshare.study.control.StudySummary;

/** A signed-in patient downloads one of their own released studies as a ZIP with a DICOMDIR. */
@Stateless
@RolesAllowed(StaffRole.PATIENT)
public class PatientDownloads {

    @Resource
    SessionContext context;

    @Inject
    StudyQueries queries;

    @Inject
    StudyDownloads downloads;

    /** The ZIP of one released study of the caller's; another's or an unreleased study is not found. */
    public PreparedDownload study(String studyInstanceUid) {
        PatientIdentity me = PatientIdentity.fromCallerName(context.getCallerPrincipal().getName())
                .orElseThrow(() -> new NotFound("no patient account"));
        DownloadGrant grant = new DownloadGrant(queries.releasedOf(me.accountId()).stream()
                .map(StudySummary::studyInstanceUid).collect(Collectors.toSet()), me.accountId(), "patient");
        return downloads.prepare(grant, studyInstanceUid);
    }
}
