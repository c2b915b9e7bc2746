// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.imageshare.study.boundary.PatientStudies;
import org.imageshare.study.control.StudySummary;

/** My studies on the patient's home page: their released studies, newest first. */
@Named
@RequestScoped
public class MyStudiesBean {

    @Inject
    PatientStudies patientStudies;

    private List<StudySummary> studies;

    public List<StudySummary> getStudies() {
        if (studies == null) {
            studies = patientStudies.released();
        }
        return studies;
    }
}
