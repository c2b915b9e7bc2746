// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.sharing.boundary.PatientShareService;
import org.imageshare.sharing.control.CreatedShare;
import org.imageshare.sharing.control.ShareForm;
import org.imageshare.staff.entity.StaffRole;

/**
 * The signed-in patient's share links (CONTRACT.md): create → 201 {@code {shareId, expiresAt}} (plus
 * {@code accessCode} once, when asked for); revoke → 204; list (extension). The link itself is never in an
 * answer: it travels only in the recipient's e-mail.
 */
@Path("/patient/shares")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRole.PATIENT)
@SecurityRequirement(name = "patient")
public class PatientShareResource {

    /**
     * The request body. {@code accessCode} and {@code notifyOnFirstOpen} are extensions: true → the answer
     * carries a 6-digit code for the patient to pass on; false → no mail to the patient at the first open.
     */
    public record ShareRequest(List<String> studyInstanceUids, String recipientEmail, Integer expiresInDays,
                               Boolean accessCode, Boolean notifyOnFirstOpen) {
    }

    /** {@code accessCode} only when one was asked for (left out of the JSON otherwise). */
    public record ShareCreated(long shareId, Instant expiresAt, String accessCode) {
    }

    @Inject
    PatientShareService shares;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ShareRequest request) {
        CreatedShare created = shares.share(request == null ? null : new ShareForm(request.studyInstanceUids(),
                request.recipientEmail(), request.expiresInDays(), request.accessCode(), request.notifyOnFirstOpen()));
        return Response.status(Response.Status.CREATED)
                .entity(new ShareCreated(created.shareId(), created.expiresAt(), created.accessCode()))
                .header("Cache-Control", "no-store").build();
    }

    /** Every link of the patient, newest first, with its state (ACTIVE, EXPIRED, REVOKED, LOCKED). */
    @GET
    public Response list() {
        return Response.ok(shares.list()).header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("{shareId}")
    public Response revoke(@PathParam("shareId") long shareId) {
        shares.revoke(shareId);
        return Response.noContent().build();
    }
}
