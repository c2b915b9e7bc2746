// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.imageshare.consent.boundary.ConsentService;
import org.imageshare.consent.control.ConsentState;
import org.imageshare.platform.web.Messages;

/** The admin page that shows the current consent text and publishes a new version. */
@Named
@RequestScoped
public class ConsentAdminBean {

    @Inject
    ConsentService consent;

    private ConsentState current;
    private String newText;

    public ConsentState getCurrent() {
        if (current == null) {
            current = consent.currentText();
        }
        return current;
    }

    public void publish() {
        int version = consent.publish(newText);
        current = null;
        newText = null;
        Messages.info("Version " + version + " published",
                "Patients are asked to agree to the new text before they can share again.");
    }

    public String getNewText() {
        return newText;
    }

    public void setNewText(String newText) {
        this.newText = newText;
    }
}
