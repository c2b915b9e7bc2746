// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.boundary.PatientStudies;

/** My studies: the signed-in patient's released studies, newest first. */
@Path("/patient/studies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRole.PATIENT)
@SecurityRequirement(name = "patient")
public class PatientStudyResource {

    @Inject
    PatientStudies studies;

    /** A JSON array of {@code studyInstanceUid, studyDate, modalities, description, numberOfSeries, numberOfInstances}. */
    @GET
    public Response released() {
        return Response.ok(studies.released()).header("Cache-Control", "no-store").build();
    }
}
