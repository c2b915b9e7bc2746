// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.security.Principal;
import org.imageshare.staff.entity.StaffRole;

/** Who is signed in, for the navigation: a staff member (by role), a patient, or nobody. */
@Named
@RequestScoped
public class CurrentUser {

    public boolean isAdmin() {
        return external().isUserInRole(StaffRole.ADMIN);
    }

    public boolean isRegistrar() {
        return external().isUserInRole(StaffRole.REGISTRAR);
    }

    public boolean isStaff() {
        return isAdmin() || isRegistrar();
    }

    public boolean isPatient() {
        return external().isUserInRole(StaffRole.PATIENT);
    }

    public boolean isSignedIn() {
        return isStaff() || isPatient();
    }

    /** The staff user name; patients have no name on screen (their caller name is internal). */
    public String getStaffName() {
        Principal principal = external().getUserPrincipal();
        return isStaff() && principal != null ? principal.getName() : "";
    }

    private static ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }
}
