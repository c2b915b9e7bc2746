// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.web;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.audit.control.RequestOrigin;
import org.imageshare.login.boundary.PatientPinService;
import org.imageshare.login.boundary.PatientSignIn;
import org.imageshare.login.control.SignInOutcome;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.web.ErrorResponses;
import org.imageshare.platform.web.ImageShareAuthentication;
import org.imageshare.staff.entity.StaffRole;

/** Patient sign-in, sign-out and PIN change. */
@Path("/patient")
@Produces(MediaType.APPLICATION_JSON)
public class PatientSessionResource {

    public static final String REJECTED = "Sign-in failed. Check your account number, PIN and date of birth.";
    public static final String THROTTLED = "Too many failed sign-ins. Please wait a minute and try again.";

    /** What sign-in asks for. */
    public record Credentials(String accountNumber, String pin, String birthDate) {
        @Override
        public String toString() {
            return "Credentials[…]";
        }
    }

    /** A new session: the token goes in {@code Authorization: Bearer} (or rides in the cookie). */
    public record Session(String token, String tokenType, long idleTimeoutSeconds) {
    }

    /** A PIN change. */
    public record PinChange(String currentPin, String newPin) {
    }

    @Inject
    PatientSignIn signIn;

    @Inject
    PatientPinService pins;

    @Inject
    ImageShareConfig config;

    @Inject
    RequestOrigin origin;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(Credentials credentials) {
        Credentials c = credentials == null ? new Credentials(null, null, null) : credentials;
        SignInOutcome outcome = signIn.signIn(c.accountNumber(), c.pin(), c.birthDate(), origin.address());
        if (outcome instanceof SignInOutcome.SignedIn signedIn) {
            long idle = config.sessionIdleTimeout().toSeconds();
            response.addCookie(ImageShareAuthentication.patientCookie(request, signedIn.token(), -1));
            return Response.ok(new Session(signedIn.token(), "Bearer", idle)).header("Cache-Control", "no-store").build();
        }
        if (outcome instanceof SignInOutcome.Throttled) {
            return Response.fromResponse(ErrorResponses.json(429, THROTTLED, null)).header("Retry-After", "60").build();
        }
        return ErrorResponses.json(401, REJECTED, null);
    }

    @POST
    @Path("logout")
    @PermitAll
    public Response logout() {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            signIn.signOut(authorization.substring(7).strip());
        }
        if (request.getCookies() != null) {
            for (var cookie : request.getCookies()) {
                if (ImageShareAuthentication.PATIENT_COOKIE.equals(cookie.getName())) {
                    signIn.signOut(cookie.getValue());
                }
            }
        }
        response.addCookie(ImageShareAuthentication.patientCookie(request, "", 0));
        return Response.noContent().build();
    }

    @PUT
    @Path("pin")
    @RolesAllowed(StaffRole.PATIENT)
    @SecurityRequirement(name = "patient")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePin(PinChange change) {
        PinChange c = change == null ? new PinChange(null, null) : change;
        pins.changePin(c.currentPin(), c.newPin());
        return Response.noContent().build();
    }
}
