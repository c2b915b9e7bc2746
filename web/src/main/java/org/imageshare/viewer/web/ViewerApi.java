// SPDX-License-Identifier: Apache-2.0
package org.imageshare.viewer.web;

import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import org.imageshare.dicom.render.RenderResult;
import org.imageshare.dicom.render.Window;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.viewer.control.ViewerAccess;

/**
 * The viewer's resources for one study, whatever the route: the route's resource (patient today, a share
 * link later) hands in its {@link ViewerAccess}, which re-checks access on every call.
 *
 * <ul>
 * <li>{@code GET series} — the series with their instance counts (opens a viewing session: one audit line)</li>
 * <li>{@code GET series/{series}/instances} — instances in display order with their frame counts</li>
 * <li>{@code GET series/{series}/thumbnail} — a PNG of the series' middle image</li>
 * <li>{@code GET instances/{sop}/frames/{n}/rendered?wc=&ww=&size=} — a frame as PNG at a window (default:
 * the object's own) and longest side {@code size} (default full size); headers {@code X-Window-Center},
 * {@code X-Window-Width}; 422 {@code {"error", "notRenderable": true}} when the object cannot be drawn</li>
 * </ul>
 */
public class ViewerApi {

    private final ViewerAccess access;
    private final String studyUid;

    public ViewerApi(ViewerAccess access, String studyUid) {
        this.access = access;
        this.studyUid = studyUid;
    }

    @GET
    @Path("series")
    @Produces(MediaType.APPLICATION_JSON)
    public Response series() {
        return Response.ok(access.open(studyUid)).build();
    }

    @GET
    @Path("series/{series}/instances")
    @Produces(MediaType.APPLICATION_JSON)
    public Response instances(@PathParam("series") String seriesUid) {
        return Response.ok(access.instances(studyUid, seriesUid)).build();
    }

    @GET
    @Path("series/{series}/thumbnail")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    public Response thumbnail(@PathParam("series") String seriesUid) {
        return image(access.thumbnail(studyUid, seriesUid));
    }

    @GET
    @Path("instances/{sop}/frames/{frame}/rendered")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    public Response rendered(@PathParam("sop") String sopUid, @PathParam("frame") int frame,
            @QueryParam("wc") Double center, @QueryParam("ww") Double width, @QueryParam("size") Integer size) {
        Optional<Window> window = Optional.empty();
        if (center != null || width != null) {
            if (center == null || width == null) {
                throw new InvalidInput(center == null ? "wc" : "ww", "give both wc and ww, or neither");
            }
            try {
                window = Optional.of(new Window(center, width));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("ww", "must be at least 1");
            }
        }
        return image(access.frame(studyUid, sopUid, frame, window, size == null ? 0 : size));
    }

    public static Response image(RenderResult result) {
        if (result instanceof RenderResult.Rendered r) {
            Response.ResponseBuilder ok = Response.ok(r.png(), "image/png");
            if (r.window() != null) {
                ok.header("X-Window-Center", format(r.window().center()))
                        .header("X-Window-Width", format(r.window().width()));
            }
            return ok.build();
        }
        RenderResult.NotRenderable not = (RenderResult.NotRenderable) result;
        String body = Json.createObjectBuilder().add("error", "this image cannot be shown here: download it to view")
                .add("notRenderable", true).add("reason", not.reason()).build().toString();
        return Response.status(422).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** A window value as the headers carry it: whole numbers without decimals, else two. */
    public static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
