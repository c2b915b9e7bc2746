// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.consent.boundary.PatientConsentService;
import org.imageshare.staff.entity.StaffRole;

/** The signed-in patient's consent: read the current text, agree to it, withdraw. */
@Path("/patient/consent")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRole.PATIENT)
@SecurityRequirement(name = "patient")
public class PatientConsentResource {

    /** The consent text version the patient agrees to. */
    public record ConsentRequest(Integer version) {
    }

    @Inject
    PatientConsentService consent;

    /** {@code {version, text, consented, consentedAt, category}}; consented only for the current version. */
    @GET
    public Response current() {
        return Response.ok(consent.state()).header("Cache-Control", "no-store").build();
    }

    /** 204; 400 without a version; 409 when a newer text exists. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response give(ConsentRequest request) {
        consent.give(request == null ? null : request.version());
        return Response.noContent().build();
    }

    /** 204: consent withdrawn (also when there was none). */
    @DELETE
    public Response revoke() {
        consent.revoke();
        return Response.noContent().build();
    }
}
