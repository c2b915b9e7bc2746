// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The signed-in patient's viewer page, {@code /patient/viewer.html?study=<uid>} (patients only: web.xml guards
 * {@code /patient/*}): the one {@link ViewerPage} with the patient's API and "Back" to the study list. The
 * script asks for the series itself.
 */
@WebServlet(urlPatterns = "/patient/viewer.html")
public class PatientViewerPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String ctx = request.getContextPath();
        String html = ViewerPage.of(getServletContext()).html(new ViewerPage.Route(ctx,
                ctx + "/api/v1/patient/viewer/studies/", ctx + "/patient/index.xhtml", "", null));
        response.setHeader("Content-Security-Policy", ViewerPage.CSP);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(html);
    }
}
