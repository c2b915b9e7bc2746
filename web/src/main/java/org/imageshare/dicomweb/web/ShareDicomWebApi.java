// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.imageshare.dicomweb.control.DicomWebAccess;
import org.imageshare.sharing.boundary.SharedStudies;
import org.imageshare.sharing.control.ShareGrant;
import org.imageshare.viewer.boundary.ShareViewer;
import org.imageshare.viewer.web.ViewerApi;

/**
 * Read-only DICOMweb under a share link, {@code /s/{token}/dicomweb/…} (PS3.18): QIDO-RS and WADO-RS as for
 * staff ({@link DicomWebApi}) but limited to the studies of the request's {@link ShareGrant}, plus rendered
 * frames (PNG). A sub-resource of the share resource, which authorized this very request; no STOW-RS here.
 * Reading a shared study is audited on the patient's account by {@link SharedStudies} (once per link and
 * study per hour).
 */
public class ShareDicomWebApi extends DicomWebApi {

    private final SharedStudies shared;
    private final ShareViewer viewer;
    private final ShareGrant grant;
    private final String base;

    /**
     * @param base this share's DICOMweb root as the outside sees it ({@code IMAGESHARE_PUBLIC_URL/s/<token>/dicomweb}),
     *             for RetrieveURL
     */
    public ShareDicomWebApi(SharedStudies shared, ShareViewer viewer, ShareGrant grant, String base) {
        this.shared = shared;
        this.viewer = viewer;
        this.grant = grant;
        this.base = base;
    }

    @Override
    protected DicomWebAccess access() {
        return SharedStudies.bound(shared, grant);
    }

    @Override
    protected String base() {
        return base;
    }

    /** Rendered frame as PNG at the object's own window (PS3.18 rendered resource, PNG only). */
    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances/{instance: " + UID
            + "}/frames/{frame: [0-9]{1,6}}/rendered")
    @Produces({"image/png", "application/json"})
    public Response renderedFrame(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance, @PathParam("frame") int frame) {
        shared.files(grant, study, series, instance); // the instance must be in this series of a shared study
        return ViewerApi.image(viewer.frame(grant, study, instance, frame, Optional.empty(), 0));
    }

    /** Rendered instance: its first frame as PNG. */
    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances/{instance: " + UID + "}/rendered")
    @Produces({"image/png", "application/json"})
    public Response renderedInstance(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance) {
        return renderedFrame(study, series, instance, 1);
    }
}
