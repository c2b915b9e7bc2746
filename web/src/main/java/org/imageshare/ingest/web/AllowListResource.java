// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.web;

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
import org.imageshare.ingest.boundary.AllowList;
import org.imageshare.staff.entity.StaffRole;

/** The DICOM listener's calling-AE allow-list (admins, HTTP Basic). Empty list: every caller is accepted. */
@Path("/dicom/allowed-callers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRole.ADMIN)
@SecurityRequirement(name = "staff")
public class AllowListResource {

    /** {@code host} null or empty: the AE title may call from any host. */
    public record AddRequest(String aeTitle, String host) {
    }

    @Inject
    AllowList allowList;

    @GET
    public Response list() {
        return Response.ok(allowList.list()).header("Cache-Control", "no-store").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(AddRequest request) {
        AddRequest r = request == null ? new AddRequest(null, null) : request;
        return Response.status(201).entity(allowList.add(r.aeTitle(), r.host())).build();
    }

    @DELETE
    @Path("{id: [0-9]{1,18}}")
    public Response remove(@PathParam("id") long id) {
        allowList.remove(id);
        return Response.noContent().build();
    }
}
