// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.imageshare.staff.control.NewPassword;

/** A generated staff password, held for the one response that shows it (never in the HTTP session). */
@Named
@RequestScoped
public class IssuedPassword {

    private NewPassword password;

    void show(NewPassword generated) {
        this.password = generated;
    }

    public boolean isPresent() {
        return password != null;
    }

    public String getUsername() {
        return password == null ? "" : password.username();
    }

    public String getPassword() {
        return password == null ? "" : password.password();
    }
}
