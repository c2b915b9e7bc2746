// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.boundary.PatientDownloads;
import org.imageshare.study.boundary.PatientStudies;

/** My studies: the signed-in patient's released studies, newest first. */
@Path("/patient/studies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRole.PATIENT)
@SecurityRequirement(name = "patient")
public class PatientStudyResource {

    @Inject
    PatientStudies studies;

    @Inject
    PatientDownloads downloads;

    /** A JSON array of {@code studyInstanceUid, studyDate, modalities, description, numberOfSeries, numberOfInstances}. */
    @GET
    public Response released() {
        return Response.ok(studies.released()).header("Cache-Control", "no-store").build();
    }

    /**
     * One released study of the caller's as a ZIP (IHE PDI: DICOMDIR, DICOM/…, README.TXT), streamed from
     * the store with its exact Content-Length; audited as {@code STUDY_DOWNLOADED}. Another's study, an
     * unreleased or unknown one: 404.
     */
    @GET
    @Path("{studyInstanceUid: [0-9.]{1,64}}/download")
    @Produces("application/zip")
    public Response download(@PathParam("studyInstanceUid") String uid) {
        return StudyZipResponse.of(downloads.study(uid));
    }
}
