// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.sharing.boundary.PatientShareService;
import org.imageshare.staff.entity.StaffRole;

/** The patient's access log (CONTRACT.md): newest first, {@code time, action, shareId, address, detail}. */
@Path("/patient/access-log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRole.PATIENT)
@SecurityRequirement(name = "patient")
public class PatientAccessLogResource {

    @Inject
    PatientShareService shares;

    @GET
    public Response log() {
        return Response.ok(shares.accessLog()).header("Cache-Control", "no-store").build();
    }
}
