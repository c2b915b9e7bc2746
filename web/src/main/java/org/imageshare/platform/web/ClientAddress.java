// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address as throttling and audit see it: the socket peer. Behind a reverse proxy, configure
 * the proxy to pass the client address and Payara's http-listener to trust it (README, "Behind a proxy").
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
