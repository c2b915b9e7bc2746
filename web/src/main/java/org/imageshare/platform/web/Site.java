// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.imageshare.platform.control.ImageShareConfig;

/** What every page shows about the installation: the hospital's name and where patients get help. */
@Named("site")
@ApplicationScoped
public class Site {

    @Inject
    ImageShareConfig config;

    public String getHospitalName() {
        return config.hospitalName();
    }

    public String getHelpContact() {
        return config.helpContact();
    }
}
