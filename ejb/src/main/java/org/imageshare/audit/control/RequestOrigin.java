// SPDX-License-Identifier: Apache-2.0
package org.imageshare.audit.control;

import jakarta.enterprise.context.RequestScoped;

/**
 * Where the current request comes from, filled in by the web layer's filter, read by the audit trail.
 * Outside an HTTP request (timers, JMS) the address stays empty.
 */
@RequestScoped
public class RequestOrigin {

    private String address;
    private String userAgent;

    public void set(String address, String userAgent) {
        this.address = address;
        this.userAgent = userAgent == null || userAgent.length() <= 200 ? userAgent : userAgent.substring(0, 200);
    }

    public String address() {
        return address;
    }

    public String userAgent() {
        return userAgent;
    }
}
