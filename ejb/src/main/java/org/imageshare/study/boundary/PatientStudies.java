// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.imageshare.login.control.PatientIdentity;
import org.imageshare.platform.control.NotFound;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.control.StudyQueries;
import org.imageshare.study.control.StudySummary;

/** My studies: a signed-in patient sees their own studies once released, and nobody else's. */
@Stateless
@RolesAllowed(StaffRole.PATIENT)
public class PatientStudies {

    @Resource
    SessionContext context;

    @Inject
    StudyQueries queries;

    public List<StudySummary> released() {
        PatientIdentity me = PatientIdentity.fromCallerName(context.getCallerPrincipal().getName())
                .orElseThrow(() -> new NotFound("no patient account"));
        return queries.releasedOf(me.accountId());
    }
}
