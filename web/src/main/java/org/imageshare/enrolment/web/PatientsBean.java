// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.imageshare.consent.boundary.ConsentService;
import org.imageshare.enrolment.boundary.EnrolmentService;
import org.imageshare.enrolment.control.PatientView;
import org.imageshare.platform.web.Messages;

/** Finding patients at the desk; re-issuing a PIN and unlocking an account. */
@Named
@ViewScoped
public class PatientsBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsentService consent;

    private Integer consentVersion;

    @Inject
    EnrolmentService enrolments;

    @Inject
    IssuedPin issued;

    private String query;
    private boolean lockedOnly;
    private transient List<PatientView> results;

    @PostConstruct
    void init() {
        search();
    }

    public void search() {
        lockedOnly = false;
        results = enrolments.search(query);
    }

    /** The accounts locked after too many failed sign-ins. */
    public void showLocked() {
        lockedOnly = true;
        results = enrolments.locked();
    }

    private void refresh() {
        if (lockedOnly) {
            showLocked();
        } else {
            search();
        }
    }

    public void reissuePin(PatientView patient) {
        issued.show(enrolments.reissuePin(patient.accountNumber()), patient.givenName() + " " + patient.familyName());
        refresh();
    }

    /** The patient signed the paper consent form for the current text; the caller attests it. */
    public void recordPaperConsent(PatientView patient) {
        consent.recordPaperConsent(patient.accountNumber(), getConsentVersion());
        Messages.info("Paper consent recorded", "Account " + patient.accountNumber()
                + " consents to consent text version " + getConsentVersion() + ".");
    }

    /** The current consent text version, which a paper form must show. */
    public int getConsentVersion() {
        if (consentVersion == null) {
            consentVersion = consent.currentText().version();
        }
        return consentVersion;
    }

    public void unlock(PatientView patient) {
        enrolments.unlock(patient.accountNumber());
        Messages.info("Account unlocked", "Account " + patient.accountNumber() + " can sign in again.");
        refresh();
    }

    public List<PatientView> getResults() {
        if (results == null) {
            search();
        }
        return results;
    }

    public boolean isLockedOnly() {
        return lockedOnly;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }
}
