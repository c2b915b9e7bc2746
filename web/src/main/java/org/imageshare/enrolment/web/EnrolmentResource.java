// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.consent.boundary.ConsentService;
import org.imageshare.enrolment.boundary.EnrolmentService;
import org.imageshare.enrolment.control.Enrolment;
import org.imageshare.enrolment.control.EnrolmentForm;
import org.imageshare.enrolment.control.PatientView;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.web.ErrorResponses;
import org.imageshare.staff.entity.StaffRole;

/** Enrolment for the registration desk (HTTP Basic, role registrar or admin). */
@Path("/enrolments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
@SecurityRequirement(name = "staff")
public class EnrolmentResource {

    /** What the desk sends; validated by the boundary, which names the field at fault. */
    public record EnrolmentRequest(String patientId, String issuer, String familyName, String givenName,
            String birthDate, String email, String phone) {

        EnrolmentForm toForm() {
            return new EnrolmentForm(patientId, issuer, familyName, givenName, birthDate, email, phone);
        }
    }

    /** The numbers to hand over, shown this once, and where the printable handout is. */
    public record EnrolmentAnswer(String accountNumber, String pin, String handoutUrl) {
    }

    @Inject
    EnrolmentService enrolments;

    @Inject
    ImageShareConfig config;

    @Inject
    ConsentService consent;

    /** The consent text version a patient signed on paper. */
    public record PaperConsentRequest(Integer version) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enrol(EnrolmentRequest request) {
        Enrolment enrolment = enrolments.enrol(request == null ? null : request.toForm());
        return Response.created(URI.create(config.publicUrl() + "/api/v1/enrolments/" + enrolment.accountNumber()))
                .header("Cache-Control", "no-store").entity(answer(enrolment)).build();
    }

    /** Patients by account number, patient ID or start of family name; {@code locked=true}: locked accounts. */
    @GET
    public List<PatientView> search(@QueryParam("q") String query, @QueryParam("locked") boolean lockedOnly) {
        return lockedOnly ? enrolments.locked() : enrolments.search(query);
    }

    @GET
    @Path("{accountNumber: \\d{8}}")
    public PatientView get(@PathParam("accountNumber") String accountNumber) {
        return enrolments.get(accountNumber);
    }

    /** A new PIN: the old one stops working at once. */
    @POST
    @Path("{accountNumber: \\d{8}}/pin")
    public Response reissuePin(@PathParam("accountNumber") String accountNumber) {
        return Response.ok(answer(enrolments.reissuePin(accountNumber))).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{accountNumber: \\d{8}}/unlock")
    public Response unlock(@PathParam("accountNumber") String accountNumber) {
        enrolments.unlock(accountNumber);
        return Response.noContent().build();
    }

    /** The patient signed the paper consent form for {@code version}; the caller attests it. 409: outdated. */
    @POST
    @Path("{accountNumber: \\d{8}}/paper-consent")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response paperConsent(@PathParam("accountNumber") String accountNumber, PaperConsentRequest request) {
        consent.recordPaperConsent(accountNumber, request == null ? null : request.version());
        return Response.noContent().build();
    }

    /** The printable handout with the PIN: for the enrolling staff member, for 15 minutes. */
    @GET
    @Path("handouts/{id}")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    public Response handout(@PathParam("id") String id) {
        return enrolments.handout(id)
                .map(pdf -> Response.ok(pdf, "application/pdf")
                        .header("Content-Disposition", "inline; filename=\"imageshare-handout.pdf\"")
                        .header("Cache-Control", "no-store").build())
                .orElseGet(() -> ErrorResponses.json(404,
                        "This handout has expired or belongs to another staff member; re-issue the PIN to print a new one.",
                        null));
    }

    private EnrolmentAnswer answer(Enrolment enrolment) {
        return new EnrolmentAnswer(enrolment.accountNumber(), enrolment.pin(),
                config.publicUrl() + "/api/v1/enrolments/handouts/" + enrolment.handoutId());
    }
}
