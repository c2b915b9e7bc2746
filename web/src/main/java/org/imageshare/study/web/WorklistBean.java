// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.imageshare.platform.web.Messages;
import org.imageshare.study.boundary.UnmatchedStudies;
import org.imageshare.study.control.LinkPreview;
import org.imageshare.study.control.UnmatchedStudyView;

/** The unmatched worklist: compare a study with an enrolled patient, then link it; or discard it. */
@Named
@ViewScoped
public class WorklistBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UnmatchedStudies worklist;

    private transient List<UnmatchedStudyView> studies;
    private String selectedUid;
    private String accountNumber;
    private transient LinkPreview preview;

    /** Starts linking a study: asks for the account number. */
    public void choose(UnmatchedStudyView study) {
        selectedUid = study.studyInstanceUid();
        accountNumber = null;
        preview = null;
    }

    /** Shows the study and the patient side by side. */
    public void compare() {
        preview = worklist.preview(selectedUid, accountNumber);
    }

    public void link() {
        LinkPreview linked = worklist.link(selectedUid, accountNumber, true);
        Messages.info("Study linked", "The study now belongs to account " + linked.patient().accountNumber() + ".");
        cancel();
    }

    public void discard(UnmatchedStudyView study) {
        worklist.discard(study.studyInstanceUid());
        Messages.info("Study discarded", "The study and its " + study.numberOfInstances() + " images were deleted.");
        if (study.studyInstanceUid().equals(selectedUid)) {
            cancel();
        } else {
            studies = null;
        }
    }

    public void cancel() {
        selectedUid = null;
        accountNumber = null;
        preview = null;
        studies = null;
    }

    public List<UnmatchedStudyView> getStudies() {
        if (studies == null) {
            studies = worklist.list();
        }
        return studies;
    }

    public boolean isSelected(UnmatchedStudyView study) {
        return study.studyInstanceUid().equals(selectedUid);
    }

    public boolean isLinking() {
        return selectedUid != null;
    }

    public LinkPreview getPreview() {
        return preview;
    }

    public String getAccountNumber() {
        return accountNumber;
    }

    public void setAccountNumber(String accountNumber) {
        this.accountNumber = accountNumber;
    }
}
