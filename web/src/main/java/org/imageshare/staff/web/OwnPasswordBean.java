// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Objects;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.web.Messages;
import org.imageshare.staff.boundary.OwnPasswordService;

/** A staff member changes their own password. */
@Named
@RequestScoped
public class OwnPasswordBean {

    @Inject
    OwnPasswordService passwords;

    private String currentPassword;
    private String newPassword;
    private String confirmPassword;

    public void change() {
        try {
            if (!Objects.equals(newPassword, confirmPassword)) {
                throw new InvalidInput("confirmPassword", "does not match the new password");
            }
            passwords.change(currentPassword, newPassword);
            Messages.info("Password changed", "Use your new password the next time you sign in.");
        } finally {
            currentPassword = null;
            newPassword = null;
            confirmPassword = null;
        }
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getConfirmPassword() {
        return confirmPassword;
    }

    public void setConfirmPassword(String confirmPassword) {
        this.confirmPassword = confirmPassword;
    }
}
