// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.web;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.imageshare.dicomweb.web.ShareDicomWebApi;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.NotFound;
import org.imageshare.sharing.boundary.SharedStudies;
import org.imageshare.sharing.control.ShareGrant;
import org.imageshare.study.control.StudySummary;
import org.imageshare.study.web.StudyZipResponse;
import org.imageshare.viewer.boundary.ShareViewer;
import org.imageshare.viewer.web.ViewerApi;
import org.imageshare.viewer.web.ViewerPage;

/**
 * What a share link serves besides its landing page, reached only through {@link ShareHandlers} (the client
 * sees {@code /s/<token>/…}): {@link ShareLandingServlet} has authorized this very request and put the
 * {@link ShareGrant} in a request attribute, which no client can set — a request straight to
 * {@code /api/v1/share/…} has none and is not found.
 *
 * <ul>
 * <li>{@code /s/<token>/viewer[?study=<uid>]} — the viewer page (without {@code study}: the first shared study)</li>
 * <li>{@code /s/<token>/viewer/studies/<uid>/…} — the viewer's data ({@link ViewerApi})</li>
 * <li>{@code /s/<token>/download} — the ZIP of the shared study (several shared: a page with one link each);
 * {@code /s/<token>/download/<uid>} — the ZIP of one shared study</li>
 * <li>{@code /s/<token>/dicomweb/…} — read-only QIDO-RS/WADO-RS ({@link ShareDicomWebApi})</li>
 * </ul>
 */
@Path("share")
@PermitAll
public class ShareResource {

    @Context
    HttpServletRequest request;

    @Inject
    ShareViewer viewer;

    @Inject
    SharedStudies shared;

    @Inject
    ImageShareConfig config;

    @GET
    @Path("viewer")
    @Produces(MediaType.TEXT_HTML)
    public Response viewerPage(@QueryParam("study") String study) {
        ShareGrant grant = grant();
        String link = request.getContextPath() + linkPath();
        if (study == null || study.isBlank()) {
            return Response.seeOther(URI.create(link + "/viewer?study="
                    + URLEncoder.encode(first(grant).studyInstanceUid(), StandardCharsets.UTF_8))).build();
        }
        if (!grant.covers(study)) {
            throw new NotFound("no such study");
        }
        return Response.ok(ShareViewerPage.html(request.getServletContext(), request.getContextPath(), link, link,
                config.hospitalName(), grant, viewer.start(grant, study)), MediaType.TEXT_HTML)
                .header("Content-Security-Policy", ViewerPage.CSP).build();
    }

    @Path("viewer/studies/{study}")
    public ViewerApi viewerData(@PathParam("study") String studyUid) {
        return new ViewerApi(ShareViewer.bound(viewer, grant()), studyUid);
    }

    @GET
    @Path("download")
    @Produces({"application/zip", MediaType.TEXT_HTML})
    public Response download() {
        ShareGrant grant = grant();
        if (grant.studies().size() == 1) {
            return StudyZipResponse.of(shared.download(grant, grant.studies().get(0).studyInstanceUid()));
        }
        return Response.ok(ShareViewerPage.downloads(request.getContextPath(), config.hospitalName(),
                request.getContextPath() + linkPath(), grant), MediaType.TEXT_HTML).build();
    }

    @GET
    @Path("download/{study}")
    @Produces("application/zip")
    public Response downloadStudy(@PathParam("study") String studyUid) {
        return StudyZipResponse.of(shared.download(grant(), studyUid));
    }

    @Path("dicomweb")
    public ShareDicomWebApi dicomweb() {
        return new ShareDicomWebApi(shared, viewer, grant(), config.publicUrl() + linkPath() + "/dicomweb");
    }

    private ShareGrant grant() {
        if (request.getAttribute(ShareLandingServlet.GRANT_ATTRIBUTE) instanceof ShareGrant grant
                && request.getAttribute(ShareLandingServlet.LINK_PATH_ATTRIBUTE) instanceof String) {
            return grant;
        }
        throw new NotFound("not found");
    }

    private String linkPath() {
        return (String) request.getAttribute(ShareLandingServlet.LINK_PATH_ATTRIBUTE);
    }

    private static StudySummary first(ShareGrant grant) {
        if (grant.studies().isEmpty()) {
            throw new NotFound("no shared study");
        }
        return grant.studies().get(0);
    }
}
