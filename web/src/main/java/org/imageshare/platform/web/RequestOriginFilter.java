// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.imageshare.audit.control.RequestOrigin;

/**
 * Every response gets the security headers; every request tells the audit trail where it came from.
 * Pages are never cached (they may show PHI) and never framed.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestOriginFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    RequestOrigin origin;

    @Inject
    ClientAddress clientAddress;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        origin.set(clientAddress.of(request), request.getHeader("User-Agent"));
        SecurityHeaders.apply(request, response);
        chain.doFilter(request, response);
    }
}
