// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.imageshare.enrolment.boundary.EnrolmentService;
import org.imageshare.enrolment.control.EnrolmentForm;
import org.imageshare.platform.control.ImageShareConfig;

/** The enrolment form of the registration desk. On success the numbers are shown once (see {@link IssuedPin}). */
@Named
@RequestScoped
public class EnrolBean {

    @Inject
    EnrolmentService enrolments;

    @Inject
    ImageShareConfig config;

    @Inject
    IssuedPin issued;

    private String patientId;
    private String issuer;
    private String familyName;
    private String givenName;
    private String birthDate;
    private String email;
    private String phone;

    @PostConstruct
    void prefill() {
        issuer = config.defaultIssuer();
    }

    public void enrol() {
        EnrolmentForm form = new EnrolmentForm(patientId, issuer, familyName, givenName, birthDate, email, phone);
        issued.show(enrolments.enrol(form), form.normalized().givenName() + " " + form.normalized().familyName());
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getFamilyName() {
        return familyName;
    }

    public void setFamilyName(String familyName) {
        this.familyName = familyName;
    }

    public String getGivenName() {
        return givenName;
    }

    public void setGivenName(String givenName) {
        this.givenName = givenName;
    }

    public String getBirthDate() {
        return birthDate;
    }

    public void setBirthDate(String birthDate) {
        this.birthDate = birthDate;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }
}
