// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Objects;
import org.imageshare.login.boundary.PatientPinService;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.web.Messages;

/** The patient's home page: for now, changing the PIN. */
@Named
@RequestScoped
public class PatientHomeBean {

    @Inject
    PatientPinService pins;

    private String currentPin;
    private String newPin;
    private String confirmPin;

    public void changePin() {
        try {
            if (!Objects.equals(newPin, confirmPin)) {
                throw new InvalidInput("confirmPin", "does not match the new PIN");
            }
            pins.changePin(currentPin, newPin);
            Messages.info("PIN changed", "Use your new PIN the next time you sign in.");
        } finally {
            currentPin = null;
            newPin = null;
            confirmPin = null;
        }
    }

    public String getCurrentPin() {
        return currentPin;
    }

    public void setCurrentPin(String currentPin) {
        this.currentPin = currentPin;
    }

    public String getNewPin() {
        return newPin;
    }

    public void setNewPin(String newPin) {
        this.newPin = newPin;
    }

    public String getConfirmPin() {
        return confirmPin;
    }

    public void setConfirmPin(String confirmPin) {
        this.confirmPin = confirmPin;
    }
}
