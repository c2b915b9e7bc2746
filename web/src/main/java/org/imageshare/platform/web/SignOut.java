// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.imageshare.login.boundary.PatientSignIn;

/** Sign-out for staff and patients alike (a POST from the header): ends every session the browser holds. */
@Named
@RequestScoped
public class SignOut {

    @Inject
    PatientSignIn patients;

    public void signOut() throws IOException {
        FacesContext context = FacesContext.getCurrentInstance();
        ExternalContext external = context.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        boolean wasStaff = request.isUserInRole("admin") || request.isUserInRole("registrar");
        ImageShareAuthentication.patientCookie(request).ifPresent(token -> {
            patients.signOut(token);
            response.addCookie(ImageShareAuthentication.patientCookie(request, "", 0));
        });
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        try {
            request.logout();
        } catch (ServletException e) {
            // the session that carried the sign-in is gone already; nothing else to undo
        }
        external.redirect(external.getRequestContextPath() + (wasStaff ? "/login.xhtml?signedOut=true"
                : "/index.xhtml?signedOut=true"));
        context.responseComplete();
    }
}
