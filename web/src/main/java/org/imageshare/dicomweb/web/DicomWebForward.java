// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves DICOMweb at {@code /dicomweb} (CONTRACT.md) from the one JAX-RS application: requests are
 * forwarded to {@code /api/v1/dicomweb/…}. A second JAX-RS application would take every resource class
 * of the WAR (JAX-RS 2.3.2), so {@code /dicomweb/studies} would clash with the staff {@code /studies}.
 * Authentication has happened before this filter; the caller stays the same across the forward.
 */
@WebFilter(urlPatterns = "/dicomweb/*", asyncSupported = true)
public class DicomWebForward extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String TARGET = "/api/v1/dicomweb";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String rest = path.substring("/dicomweb".length());
        String query = request.getQueryString();
        request.getRequestDispatcher(TARGET + rest + (query == null ? "" : "?" + query)).forward(request, response);
    }
}
