// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.imageshare.audit.control.RequestOrigin;
import org.imageshare.login.boundary.PatientSignIn;
import org.imageshare.login.control.PatientIdentity;
import org.imageshare.staff.boundary.StaffAuthenticator;
import org.imageshare.staff.entity.StaffRole;

/**
 * The one authentication mechanism of ImageShare, for pages and API alike:
 * <ul>
 * <li>staff: HTTP Basic on the API; on the portal a sign-in form whose session is re-checked on every
 * request (a disabled user is out at once);</li>
 * <li>patients: the session token from sign-in, as the {@value #PATIENT_COOKIE} cookie or a bearer
 * header.</li>
 * </ul>
 * Unauthenticated requests to protected resources get a JSON 401 on the API and a redirect to the right
 * sign-in page elsewhere.
 */
@ApplicationScoped
public class ImageShareAuthentication implements HttpAuthenticationMechanism {

    public static final String PATIENT_COOKIE = "IMAGESHARE_PATIENT";
    static final String STAFF_ATTRIBUTE = "imageshare.staff";
    private static final Set<String> PATIENT_ROLES = Set.of(StaffRole.PATIENT);

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    StaffAuthenticator staff;

    @Inject
    PatientSignIn patients;

    @Inject
    RequestOrigin origin;

    @Inject
    ClientAddress clientAddress;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        // authentication runs before the servlet filters: tell the audit trail and the throttle who asks
        origin.set(clientAddress.of(request), request.getHeader("User-Agent"));
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential password) {
            return staffSignIn(request, context, password);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).strip(), request, response, context);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<PatientIdentity> patient = patients.resume(authorization.substring(7).strip());
            return patient.isPresent() ? context.notifyContainerAboutLogin(patient.get().callerName(), PATIENT_ROLES)
                    : unauthorized(request, response, context);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(STAFF_ATTRIBUTE) instanceof String username) {
            var current = staff.current(username);
            if (current.isPresent()) {
                return context.notifyContainerAboutLogin(username, current.get().roleNames());
            }
            session.invalidate();
        }
        Optional<PatientIdentity> patient = patientCookie(request).flatMap(patients::resume);
        if (patient.isPresent()) {
            return context.notifyContainerAboutLogin(patient.get().callerName(), PATIENT_ROLES);
        }
        return context.isProtected() ? unauthorized(request, response, context) : context.doNothing();
    }

    private AuthenticationStatus staffSignIn(HttpServletRequest request, HttpMessageContext context,
            UsernamePasswordCredential credential) {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.setAttribute(STAFF_ATTRIBUTE, result.getCallerPrincipal().getName());
        staff.recordSignIn(result.getCallerPrincipal().getName());
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus basic(String encoded, HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return unauthorized(request, response, context);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return unauthorized(request, response, context);
        }
        CredentialValidationResult result = identityStores.validate(
                new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        return result.getStatus() == CredentialValidationResult.Status.VALID
                ? context.notifyContainerAboutLogin(result)
                : unauthorized(request, response, context);
    }

    private AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        SecurityHeaders.apply(request, response);
        try {
            if (path.startsWith("/api/") || path.startsWith("/dicomweb/")) {
                if (request.getHeader("Authorization") == null || isBasic(request)) {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"ImageShare staff\", charset=\"UTF-8\"");
                }
                if (context.isAuthenticationRequest()) {
                    // asked mid-request (e.g. by a role check): the API's error mapper writes the answer
                    return AuthenticationStatus.SEND_FAILURE;
                }
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("{\"error\":\"authentication required\"}");
                return AuthenticationStatus.SEND_FAILURE;
            }
            String target = path.startsWith("/staff/") ? "/login.xhtml" : "/index.xhtml";
            response.sendRedirect(request.getContextPath() + target);
            return AuthenticationStatus.SEND_CONTINUE;
        } catch (IOException e) {
            return context.responseUnauthorized();
        }
    }

    private static boolean isBasic(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    static Optional<String> patientCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (PATIENT_COOKIE.equals(cookie.getName())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** The patient session cookie: HttpOnly, SameSite=Strict, Secure when the request came over HTTPS. */
    public static Cookie patientCookie(HttpServletRequest request, String token, int maxAgeSeconds) {
        Cookie cookie = new Cookie(PATIENT_COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }
}
