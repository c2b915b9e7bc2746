// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The named servlets {@code share-viewer}, {@code share-download} and {@code share-dicomweb} that
 * {@link ShareLandingServlet} dispatches to after authorizing a request: each forwards
 * {@code /s/<token><rest>} to {@code /api/v1/share<rest>} ({@link ShareResource}) in the one JAX-RS
 * application, keeping the request attributes (grant, link path). Declared by name in web.xml, without a URL
 * (an annotation needs one); a request
 * straight to {@code /api/v1/share/…} carries no grant and is not found.
 */
public final class ShareHandlers {

    static final String TARGET = "/api/v1/share";

    private ShareHandlers() {
    }

    abstract static class Forward extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws ServletException, IOException {
            Object linkPath = request.getAttribute(ShareLandingServlet.LINK_PATH_ATTRIBUTE);
            if (!(linkPath instanceof String link) || request.getAttribute(ShareLandingServlet.GRANT_ATTRIBUTE) == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            String path = request.getRequestURI().substring(request.getContextPath().length());
            String rest = path.startsWith(link) ? path.substring(link.length()) : "";
            String query = request.getQueryString();
            request.getRequestDispatcher(TARGET + rest + (query == null ? "" : "?" + query)).forward(request, response);
        }
    }

    /** {@code /s/<token>/viewer…}: the viewer page and its data. */
    public static class Viewer extends Forward {
        private static final long serialVersionUID = 1L;
    }

    /** {@code /s/<token>/download…}: the study ZIP. */
    public static class Download extends Forward {
        private static final long serialVersionUID = 1L;
    }

    /** {@code /s/<token>/dicomweb…}: read-only QIDO-RS and WADO-RS. */
    public static class DicomWeb extends Forward {
        private static final long serialVersionUID = 1L;
    }
}
