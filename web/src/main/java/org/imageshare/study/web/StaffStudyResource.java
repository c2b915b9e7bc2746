// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.web;

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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.boundary.StudyReleases;
import org.imageshare.study.boundary.UnmatchedStudies;
import org.imageshare.study.control.LinkPreview;

/**
 * Studies for staff (HTTP Basic, role registrar or admin): the unmatched worklist (link, discard) and the
 * release hold of matched studies (release now, hold).
 */
@Path("/studies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
@SecurityRequirement(name = "staff")
public class StaffStudyResource {

    /**
     * Link to the patient of this account. {@code confirm}: link although the study's DICOM patient ID or
     * issuer differs from the patient's (otherwise 409 naming the difference).
     */
    public record LinkRequest(String accountNumber, Boolean confirm) {
    }

    private static final String UID = "{studyInstanceUid: [0-9.]{1,64}}";

    @Inject
    UnmatchedStudies unmatched;

    @Inject
    StudyReleases releases;

    /** Studies no enrolled patient claimed, most recently received first. */
    @GET
    @Path("unmatched")
    public Response unmatched() {
        return noStore(unmatched.list());
    }

    /** Gives an unmatched study to an enrolled patient; answers both identities. */
    @POST
    @Path(UID + "/link")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response link(@PathParam("studyInstanceUid") String uid, LinkRequest request) {
        LinkPreview linked = unmatched.link(uid, request == null ? null : request.accountNumber(),
                request != null && Boolean.TRUE.equals(request.confirm()));
        return noStore(linked);
    }

    /** Discards an unmatched study with its files: 204; a matched study answers 409. */
    @DELETE
    @Path(UID)
    public Response discard(@PathParam("studyInstanceUid") String uid) {
        unmatched.discard(uid);
        return Response.noContent().build();
    }

    /** Matched studies, most recently received first, with their release state. */
    @GET
    public Response recent() {
        return noStore(releases.recent());
    }

    @POST
    @Path(UID + "/release")
    public Response releaseNow(@PathParam("studyInstanceUid") String uid) {
        return noStore(releases.releaseNow(uid));
    }

    @POST
    @Path(UID + "/hold")
    public Response hold(@PathParam("studyInstanceUid") String uid) {
        return noStore(releases.hold(uid));
    }

    private static Response noStore(Object entity) {
        return Response.ok(entity).header("Cache-Control", "no-store").build();
    }
}
