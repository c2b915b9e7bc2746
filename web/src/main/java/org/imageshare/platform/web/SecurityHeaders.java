// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The headers every ImageShare response carries. */
final class SecurityHeaders {

    /**
     * PrimeFaces (with primefaces.CSP) adds its own nonce-based script policy to each page; browsers enforce
     * both policies, so this one leaves scripts to it and forbids framing, plugins and foreign form targets.
     */
    static final String PAGE_CSP = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** Our own static pages: scripts, styles and images from this origin only, no inline code (as ViewerPage). */
    static final String STATIC_PAGE_CSP = "default-src 'self'; img-src 'self' blob: data:; script-src 'self'; "
            + "style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** JSON and files: nothing in them may run or load anything. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/viewer/") && request.getQueryString() != null
                && request.getQueryString().startsWith("v=")) {
            // the viewer's script and styles under a versioned URL (ViewerPage: a hash of their content)
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else if (!path.startsWith("/jakarta.faces.resource/")) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Content-Security-Policy", path.startsWith("/api/") ? API_CSP
                    : path.endsWith(".html") ? STATIC_PAGE_CSP : PAGE_CSP);
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
    }
}
