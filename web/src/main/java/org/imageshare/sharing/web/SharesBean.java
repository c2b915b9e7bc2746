// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import org.imageshare.consent.boundary.PatientConsentService;
import org.imageshare.platform.web.Messages;
import org.imageshare.sharing.boundary.PatientShareService;
import org.imageshare.sharing.control.AccessLogEntry;
import org.imageshare.sharing.control.CreatedShare;
import org.imageshare.sharing.control.ShareForm;
import org.imageshare.sharing.control.ShareRules;
import org.imageshare.sharing.control.ShareView;
import org.imageshare.study.boundary.PatientStudies;
import org.imageshare.study.control.StudySummary;

/**
 * The patient's sharing pages: the share form (studies, recipient, expiry, access code, first-open mail),
 * the result with the access code shown this once, the list of links with revoke, and the access log.
 */
@Named
@RequestScoped
public class SharesBean {

    @Inject
    PatientShareService shares;

    @Inject
    PatientStudies studies;

    @Inject
    PatientConsentService consent;

    private List<StudySummary> released;
    private List<ShareView> links;
    private List<AccessLogEntry> log;
    private Boolean consented;

    private List<String> selected = new ArrayList<>();
    private String recipientEmail;
    private Integer expiresInDays = ShareRules.DEFAULT_DAYS;
    private boolean accessCode;
    private boolean notifyOnFirstOpen = true;
    private CreatedShare created;
    private String createdFor;

    public void share() {
        CreatedShare result = shares.share(new ShareForm(selected, recipientEmail, expiresInDays, accessCode,
                notifyOnFirstOpen));
        created = result;
        createdFor = recipientEmail == null ? null : recipientEmail.strip();
        selected = new ArrayList<>();
        recipientEmail = null;
        expiresInDays = ShareRules.DEFAULT_DAYS;
        accessCode = false;
        notifyOnFirstOpen = true;
        links = null;
    }

    public void revoke(long shareId) {
        shares.revoke(shareId);
        links = null;
        Messages.info("Link revoked", "The link stopped working at once.");
    }

    public boolean isConsented() {
        if (consented == null) {
            consented = consent.state().consented();
        }
        return consented;
    }

    public List<StudySummary> getReleased() {
        if (released == null) {
            released = studies.released();
        }
        return released;
    }

    public List<ShareView> getLinks() {
        if (links == null) {
            links = shares.list();
        }
        return links;
    }

    public List<AccessLogEntry> getLog() {
        if (log == null) {
            log = shares.accessLog();
        }
        return log;
    }

    /** A study as the checkbox list labels it. */
    public String label(StudySummary s) {
        return (s.studyDate() == null ? "Date unknown" : s.studyDate()) + " · " + String.join(", ", s.modalities())
                + " · " + (s.description() == null ? "Imaging study" : s.description());
    }

    public String studiesOf(ShareView view) {
        return String.join("; ", view.studies().stream().map(this::label).toList());
    }

    public String stateLabel(ShareView view) {
        return switch (view.state()) {
            case ACTIVE -> "Active";
            case EXPIRED -> "Expired";
            case REVOKED -> "Revoked";
            case LOCKED -> "Locked (wrong codes)";
        };
    }

    public CreatedShare getCreated() {
        return created;
    }

    public String getCreatedFor() {
        return createdFor;
    }

    public List<String> getSelected() {
        return selected;
    }

    public void setSelected(List<String> selected) {
        this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
    }

    public String getRecipientEmail() {
        return recipientEmail;
    }

    public void setRecipientEmail(String recipientEmail) {
        this.recipientEmail = recipientEmail;
    }

    public Integer getExpiresInDays() {
        return expiresInDays;
    }

    public void setExpiresInDays(Integer expiresInDays) {
        this.expiresInDays = expiresInDays;
    }

    public boolean isAccessCode() {
        return accessCode;
    }

    public void setAccessCode(boolean accessCode) {
        this.accessCode = accessCode;
    }

    public boolean isNotifyOnFirstOpen() {
        return notifyOnFirstOpen;
    }

    public void setNotifyOnFirstOpen(boolean notifyOnFirstOpen) {
        this.notifyOnFirstOpen = notifyOnFirstOpen;
    }
}
