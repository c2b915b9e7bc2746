// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.pacs.boundary.PacsSearch;
import org.imageshare.pacs.boundary.PacsSettings;
import org.imageshare.pacs.boundary.Retrievals;
import org.imageshare.pacs.control.RetrieveItem;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.staff.entity.StaffRole;

/**
 * Pull from the PACS (HTTP Basic): admins configure the PACS and test the connection; registrars and
 * admins search it (C-FIND) and retrieve studies (C-MOVE to our AE) as tasks they can follow.
 */
@Path("/pacs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
@SecurityRequirement(name = "staff")
public class PacsResource {

    public record PacsRequest(String aeTitle, String host, Integer port) {
    }

    public record RetrieveRequest(List<String> studyInstanceUids) {
    }

    @Inject
    PacsSettings settings;

    @Inject
    PacsSearch search;

    @Inject
    Retrievals retrievals;

    /** The PACS in use ({@code source} DATABASE or ENVIRONMENT) and our AE title; 404 when none is configured. */
    @GET
    @RolesAllowed(StaffRole.ADMIN)
    public Response current() {
        return settings.current().map(p -> noStore(p)).orElseGet(
                () -> org.imageshare.platform.web.ErrorResponses.json(404, "No PACS is configured.", null));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(StaffRole.ADMIN)
    public Response save(PacsRequest request) {
        PacsRequest r = request == null ? new PacsRequest(null, null, null) : request;
        return noStore(settings.save(r.aeTitle(), r.host(), r.port()));
    }

    /** Forgets the saved PACS (the IMAGESHARE_PACS_* default applies again): 204. */
    @DELETE
    @RolesAllowed(StaffRole.ADMIN)
    public Response clear() {
        settings.clear();
        return Response.noContent().build();
    }

    /** C-ECHO: to the body's settings if given, else to the configured PACS. 200 {@code {ok, pacs, message, millis}}. */
    @POST
    @Path("echo")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @RolesAllowed(StaffRole.ADMIN)
    public Response echo(PacsRequest request) {
        PacsRequest r = request == null ? new PacsRequest(null, null, null) : request;
        return noStore(settings.testConnection(r.aeTitle(), r.host(), r.port()));
    }

    /** C-FIND: {@code ?patientId=&from=YYYY-MM-DD&to=YYYY-MM-DD&modality=CT}. 502 when the PACS cannot be searched. */
    @GET
    @Path("studies")
    public Response studies(@QueryParam("patientId") String patientId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("modality") String modality) {
        return noStore(search.find(patientId, date("from", from), date("to", to), modality));
    }

    /** Starts one retrieve task per study: 202 with the tasks. */
    @POST
    @Path("retrievals")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response retrieve(RetrieveRequest request) {
        List<String> uids = request == null || request.studyInstanceUids() == null ? List.of()
                : request.studyInstanceUids();
        return Response.accepted(retrievals.request(uids.stream().map(RetrieveItem::ofUid).toList()))
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("retrievals")
    public Response tasks() {
        return noStore(retrievals.recent());
    }

    @GET
    @Path("retrievals/{id: [0-9]{1,18}}")
    public Response task(@PathParam("id") long id) {
        return noStore(retrievals.get(id));
    }

    @POST
    @Path("retrievals/{id: [0-9]{1,18}}/cancel")
    public Response cancel(@PathParam("id") long id) {
        return noStore(retrievals.cancel(id));
    }

    @POST
    @Path("retrievals/{id: [0-9]{1,18}}/retry")
    public Response retry(@PathParam("id") long id) {
        return Response.accepted(retrievals.retry(id)).header("Cache-Control", "no-store").build();
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "is not a date (YYYY-MM-DD)");
        }
    }

    private static Response noStore(Object entity) {
        return Response.ok(entity).header("Cache-Control", "no-store").build();
    }
}
