// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.web;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.imageshare.platform.web.Messages;

/** The staff sign-in form: hands the credential to the authentication mechanism, then opens the dashboard. */
@Named
@RequestScoped
public class StaffSignInBean {

    static final String FAILED = "Check your user name and password. After several failures, sign-in pauses briefly.";

    @Inject
    SecurityContext security;

    private String username;
    private String password;

    public void signIn() throws IOException {
        FacesContext context = FacesContext.getCurrentInstance();
        ExternalContext external = context.getExternalContext();
        String secret = password == null ? "" : password;
        password = null;
        AuthenticationStatus status = security.authenticate((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(),
                withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username == null ? "" : username.strip(), secret)));
        switch (status) {
            case SUCCESS -> {
                external.redirect(external.getRequestContextPath() + "/staff/index.xhtml");
                context.responseComplete();
            }
            case SEND_CONTINUE -> context.responseComplete();
            default -> Messages.error("Sign-in failed", FAILED);
        }
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
