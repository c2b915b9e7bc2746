// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.imageshare.dicom.DicomJson;
import org.imageshare.dicom.InvalidDicomFile;
import org.imageshare.dicomweb.control.StudyQuery;
import org.imageshare.sharing.boundary.SharedStudies;
import org.imageshare.sharing.control.ShareGrant;
import org.imageshare.study.control.StoredObject;
import org.imageshare.viewer.boundary.ShareViewer;
import org.imageshare.viewer.web.ViewerApi;

/**
 * Read-only DICOMweb under a share link, {@code /s/{token}/dicomweb/…} (PS3.18): QIDO-RS (studies, series,
 * instances), WADO-RS (study/series/instance retrieve as stored, metadata) and rendered frames (PNG), all
 * limited to the studies of the request's {@link ShareGrant}. A sub-resource of the share resource, which
 * authorized the request; no STOW-RS here.
 */
public class ShareDicomWebApi {

    private static final String DICOM_JSON = DicomWebResource.DICOM_JSON;
    private static final String UID = "[0-9.]{1,64}";
    private static final int DEFAULT_LIMIT = 100;

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

    // ---- QIDO-RS

    @GET
    @Path("studies")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchStudies(@QueryParam("StudyInstanceUID") List<String> studyUids,
            @QueryParam("PatientID") String patientId, @QueryParam("PatientName") String patientName,
            @QueryParam("StudyDate") String studyDate, @QueryParam("ModalitiesInStudy") String modality,
            @QueryParam("AccessionNumber") String accession, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        var range = StudyQuery.dateRange(studyDate);
        List<String> uids = new ArrayList<>();
        studyUids.forEach(v -> Arrays.stream(v.split("[,\\\\]")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(uids::add));
        StudyQuery query = new StudyQuery(uids, patientId, patientName, range[0], range[1], modality, accession,
                offset == null ? 0 : offset, limit == null ? DEFAULT_LIMIT : limit);
        return json(QidoJson.studies(shared.studies(grant, query), base));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchSeries(@PathParam("study") String study, @QueryParam("Modality") String modality,
            @QueryParam("SeriesInstanceUID") String series) {
        return json(QidoJson.series(shared.series(grant, study, modality, series), base));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchSeriesInstances(@PathParam("study") String study, @PathParam("series") String series,
            @QueryParam("SOPInstanceUID") String sop) {
        return json(QidoJson.instances(shared.instances(grant, study, series, sop), base));
    }

    @GET
    @Path("studies/{study: " + UID + "}/instances")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchStudyInstances(@PathParam("study") String study, @QueryParam("SOPInstanceUID") String sop) {
        return json(QidoJson.instances(shared.instances(grant, study, null, sop), base));
    }

    // ---- WADO-RS

    @GET
    @Path("studies/{study: " + UID + "}")
    public Response retrieveStudy(@PathParam("study") String study) {
        return WadoMultipart.of(shared.files(grant, study, null, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}")
    public Response retrieveSeries(@PathParam("study") String study, @PathParam("series") String series) {
        return WadoMultipart.of(shared.files(grant, study, series, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances/{instance: " + UID + "}")
    public Response retrieveInstance(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance) {
        return WadoMultipart.of(shared.files(grant, study, series, instance));
    }

    @GET
    @Path("studies/{study: " + UID + "}/metadata")
    @Produces({DICOM_JSON, "application/json"})
    public Response studyMetadata(@PathParam("study") String study) {
        return metadata(shared.files(grant, study, null, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/metadata")
    @Produces({DICOM_JSON, "application/json"})
    public Response seriesMetadata(@PathParam("study") String study, @PathParam("series") String series) {
        return metadata(shared.files(grant, study, series, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances/{instance: " + UID + "}/metadata")
    @Produces({DICOM_JSON, "application/json"})
    public Response instanceMetadata(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance) {
        return metadata(shared.files(grant, study, series, instance));
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

    private Response metadata(List<StoredObject> objects) {
        List<String> items = new ArrayList<>();
        for (StoredObject o : objects) {
            try {
                items.add(DicomJson.metadata(o.file()));
            } catch (IOException | InvalidDicomFile e) {
                throw new IllegalStateException("a stored object cannot be read", e);
            }
        }
        return json("[" + String.join(",", items) + "]");
    }

    private static Response json(String body) {
        return Response.ok(body, DICOM_JSON).header("Cache-Control", "no-store").build();
    }
}
