// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.Map;

/**
 * The incident id the 500 page quotes: set by {@link PageExceptionHandler}, or — when the container
 * forwarded an exception to the error page itself — logged here once.
 */
@Named("incident")
@RequestScoped
public class IncidentView {

    private String id;

    @PostConstruct
    void init() {
        Map<String, Object> request = FacesContext.getCurrentInstance().getExternalContext().getRequestMap();
        if (request.get(PageExceptionHandler.INCIDENT_ATTRIBUTE) instanceof String known) {
            id = known;
        } else if (request.get("jakarta.servlet.error.exception") instanceof Throwable failure) {
            id = Incidents.log(failure);
            request.put(PageExceptionHandler.INCIDENT_ATTRIBUTE, id);
        }
    }

    public String getId() {
        return id;
    }
}
