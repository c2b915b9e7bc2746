// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.viewer.boundary.PatientViewer;

/**
 * The viewer for a signed-in patient: {@code /api/v1/patient/viewer/studies/{study}/…} (see {@link ViewerApi}).
 * No OpenAPI {@code @SecurityRequirement} here: Payara's OpenAPI scanner fails (NPE) on one placed on a class
 * whose only method is a sub-resource locator; the paths are listed in README.md.
 */
@Path("/patient/viewer")
@RolesAllowed(StaffRole.PATIENT)
public class PatientViewerResource {

    @Inject
    PatientViewer viewer;

    @Path("studies/{study}")
    public ViewerApi study(@PathParam("study") String studyUid) {
        return new ViewerApi(viewer, studyUid);
    }
}
