// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.consent.boundary.ConsentService;
import org.imageshare.consent.control.ConsentState;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.staff.entity.StaffRole;

/** Consent texts for staff (HTTP Basic): read the current one; an admin publishes a new version. */
@Path("/consent-texts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
@SecurityRequirement(name = "staff")
public class ConsentTextResource {

    public record PublishRequest(String text) {
    }

    public record Published(int version) {
    }

    public record CurrentText(int version, String text) {
    }

    @Inject
    ConsentService consent;

    @Inject
    ImageShareConfig config;

    @GET
    @Path("current")
    public CurrentText current() {
        ConsentState state = consent.currentText();
        return new CurrentText(state.version(), state.text());
    }

    /** 201 {@code {version}}: patients are asked again for the new text. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(StaffRole.ADMIN)
    public Response publish(PublishRequest request) {
        int version = consent.publish(request == null ? null : request.text());
        return Response.created(URI.create(config.publicUrl() + "/api/v1/consent-texts/" + version))
                .entity(new Published(version)).build();
    }
}
