// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.imageshare.enrolment.control.Enrolment;

/**
 * A freshly issued account number and PIN, held for the one response that shows them: request scope, so the
 * PIN never sits in the HTTP session and a reload cannot show it again.
 */
@Named
@RequestScoped
public class IssuedPin {

    private Enrolment enrolment;
    private String patientName;

    void show(Enrolment issued, String name) {
        this.enrolment = issued;
        this.patientName = name;
    }

    public boolean isPresent() {
        return enrolment != null;
    }

    /** Grouped as on the handout: {@code 1234 5678}. */
    public String getAccountNumber() {
        String number = enrolment == null ? "" : enrolment.accountNumber();
        return number.length() == 8 ? number.substring(0, 4) + " " + number.substring(4) : number;
    }

    public String getPin() {
        return enrolment == null ? "" : enrolment.pin();
    }

    public String getPatientName() {
        return patientName;
    }

    /** The handout PDF; the staff member's session cookie authenticates the request. */
    public String getHandoutUrl() {
        return enrolment == null ? "" : FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
                + "/api/v1/enrolments/handouts/" + enrolment.handoutId();
    }
}
