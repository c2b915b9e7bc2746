// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.viewer.boundary.PatientViewer;

/** The viewer for a signed-in patient: {@code /api/v1/patient/viewer/studies/{study}/…} (see {@link ViewerApi}). */
@Path("/patient/viewer")
@RolesAllowed(StaffRole.PATIENT)
@SecurityRequirement(name = "patient")
public class PatientViewerResource {

    @Inject
    PatientViewer viewer;

    @Path("studies/{study}")
    public ViewerApi study(@PathParam("study") String studyUid) {
        return new ViewerApi(viewer, studyUid);
    }
}
