// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.imageshare.login.boundary.PatientSignIn;
import org.imageshare.login.control.SignInOutcome;
import org.imageshare.platform.web.ClientAddress;
import org.imageshare.platform.web.ImageShareAuthentication;
import org.imageshare.platform.web.Messages;

/**
 * The patient sign-in form: account number, PIN and date of birth (day, month, year as three fields, which
 * phones and screen readers handle best). Every failure shows the same message.
 */
@Named
@RequestScoped
public class PatientSignInBean {

    @Inject
    PatientSignIn signIn;

    @Inject
    ClientAddress clientAddress;

    private String accountNumber;
    private String pin;
    private String day;
    private String month;
    private String year;

    public void signIn() throws IOException {
        FacesContext context = FacesContext.getCurrentInstance();
        ExternalContext external = context.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String number = accountNumber == null ? null : accountNumber.replaceAll("[\\s-]", "");
        SignInOutcome outcome = signIn.signIn(number, pin, birthDate(), clientAddress.of(request));
        pin = null;
        if (outcome instanceof SignInOutcome.SignedIn signedIn) {
            if (request.getSession(false) != null) {
                request.changeSessionId();
            }
            ((HttpServletResponse) external.getResponse())
                    .addCookie(ImageShareAuthentication.patientCookie(request, signedIn.token(), -1));
            external.redirect(external.getRequestContextPath() + "/patient/index.xhtml");
            context.responseComplete();
        } else if (outcome instanceof SignInOutcome.Throttled) {
            Messages.error("Please wait", PatientSessionResource.THROTTLED);
        } else {
            Messages.error("Sign-in failed", PatientSessionResource.REJECTED);
        }
    }

    /** The date as yyyy-mm-dd, or what was typed if it is not numeric (sign-in then fails like any wrong date). */
    String birthDate() {
        String d = digits(day);
        String m = digits(month);
        String y = digits(year);
        if (d.isEmpty() || m.isEmpty() || y.length() != 4 || d.length() > 2 || m.length() > 2) {
            return "";
        }
        return y + "-" + (m.length() == 1 ? "0" + m : m) + "-" + (d.length() == 1 ? "0" + d : d);
    }

    private static String digits(String value) {
        String v = value == null ? "" : value.strip();
        return v.matches("\\d+") ? v : "";
    }

    public String getAccountNumber() {
        return accountNumber;
    }

    public void setAccountNumber(String accountNumber) {
        this.accountNumber = accountNumber;
    }

    public String getPin() {
        return pin;
    }

    public void setPin(String pin) {
        this.pin = pin;
    }

    public String getDay() {
        return day;
    }

    public void setDay(String day) {
        this.day = day;
    }

    public String getMonth() {
        return month;
    }

    public void setMonth(String month) {
        this.month = month;
    }

    public String getYear() {
        return year;
    }

    public void setYear(String year) {
        this.year = year;
    }
}
