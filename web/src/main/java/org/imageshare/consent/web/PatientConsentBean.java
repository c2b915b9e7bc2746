// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.imageshare.consent.boundary.PatientConsentService;
import org.imageshare.consent.control.ConsentState;
import org.imageshare.platform.web.Messages;

/** The consent card on the patient's home page. */
@Named
@RequestScoped
public class PatientConsentBean {

    @Inject
    PatientConsentService consent;

    private ConsentState state;
    /** The text version the patient saw when they pressed "I agree". */
    private Integer version;

    public ConsentState getState() {
        if (state == null) {
            state = consent.state();
        }
        return state;
    }

    public void agree() {
        consent.give(version);
        state = null;
        Messages.info("Thank you", "You can now share your images with the doctors you choose.");
    }

    public void withdraw() {
        consent.revoke();
        state = null;
        Messages.info("Consent withdrawn", "Your images can no longer be shared by link.");
    }

    public Integer getVersion() {
        return version == null ? getState().version() : version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }
}
