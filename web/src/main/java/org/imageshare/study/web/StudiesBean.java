// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.imageshare.platform.web.Messages;
import org.imageshare.study.boundary.StudyReleases;
import org.imageshare.study.control.StaffStudyView;

/** Recent matched studies and their release hold: release now, hold. */
@Named
@ViewScoped
public class StudiesBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    StudyReleases releases;

    private transient List<StaffStudyView> studies;

    public void releaseNow(StaffStudyView study) {
        releases.releaseNow(study.studyInstanceUid());
        Messages.info("Study released", "The patient can see this study now.");
        studies = null;
    }

    public void hold(StaffStudyView study) {
        releases.hold(study.studyInstanceUid());
        Messages.info("Study held", "The patient will not see this study until you release it.");
        studies = null;
    }

    public List<StaffStudyView> getStudies() {
        if (studies == null) {
            studies = releases.recent();
        }
        return studies;
    }
}
