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
import org.imageshare.dicom.DicomJson;
import org.imageshare.dicom.InvalidDicomFile;
import org.imageshare.dicomweb.control.DicomWebAccess;
import org.imageshare.dicomweb.control.StudyQuery;
import org.imageshare.study.control.StoredObject;

/**
 * QIDO-RS (studies, series, instances; PS3.18 10.6) and WADO-RS (study, series and instance retrieve as stored,
 * metadata; 10.4) over a {@link DicomWebAccess}: the one implementation behind staff DICOMweb
 * ({@link DicomWebResource}, every study) and a share link's ({@link ShareDicomWebApi}, the grant's studies).
 * Subclasses say who may call (roles, or the share authorization of the request), which access and which
 * base URL the RetrieveURLs carry.
 */
public abstract class DicomWebApi {

    static final String DICOM_JSON = "application/dicom+json";
    static final String UID = "[0-9.]{1,64}";
    private static final int DEFAULT_LIMIT = 100;

    /** What this request may read. */
    protected abstract DicomWebAccess access();

    /** This DICOMweb root as the outside sees it (for RetrieveURL). */
    protected abstract String base();

    // ---- QIDO-RS

    @GET
    @Path("studies")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchStudies(@QueryParam("StudyInstanceUID") List<String> studyUids,
            @QueryParam("PatientID") String patientId, @QueryParam("PatientName") String patientName,
            @QueryParam("StudyDate") String studyDate, @QueryParam("ModalitiesInStudy") String modality,
            @QueryParam("AccessionNumber") String accession, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit, @QueryParam("includefield") List<String> includefield) {
        List<String> unsupported = IncludeFields.unsupported(includefield, IncludeFields.Level.STUDY);
        var range = StudyQuery.dateRange(studyDate);
        List<String> uids = new ArrayList<>();
        studyUids.forEach(v -> Arrays.stream(v.split("[,\\\\]")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(uids::add));
        StudyQuery query = new StudyQuery(uids, patientId, patientName, range[0], range[1], modality, accession,
                offset == null ? 0 : offset, limit == null ? DEFAULT_LIMIT : limit);
        return json(QidoJson.studies(access().studies(query), base()), unsupported);
    }

    @GET
    @Path("studies/{study: " + UID + "}/series")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchSeries(@PathParam("study") String study, @QueryParam("Modality") String modality,
            @QueryParam("SeriesInstanceUID") String series, @QueryParam("includefield") List<String> includefield) {
        List<String> unsupported = IncludeFields.unsupported(includefield, IncludeFields.Level.SERIES);
        return json(QidoJson.series(access().series(study, modality, series), base()), unsupported);
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchSeriesInstances(@PathParam("study") String study, @PathParam("series") String series,
            @QueryParam("SOPInstanceUID") String sop, @QueryParam("includefield") List<String> includefield) {
        List<String> unsupported = IncludeFields.unsupported(includefield, IncludeFields.Level.INSTANCE);
        return json(QidoJson.instances(access().instances(study, series, sop), base()), unsupported);
    }

    @GET
    @Path("studies/{study: " + UID + "}/instances")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchStudyInstances(@PathParam("study") String study, @QueryParam("SOPInstanceUID") String sop,
            @QueryParam("includefield") List<String> includefield) {
        List<String> unsupported = IncludeFields.unsupported(includefield, IncludeFields.Level.INSTANCE);
        return json(QidoJson.instances(access().instances(study, null, sop), base()), unsupported);
    }

    // ---- WADO-RS

    @GET
    @Path("studies/{study: " + UID + "}")
    public Response retrieveStudy(@PathParam("study") String study) {
        return WadoMultipart.of(access().files(study, null, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}")
    public Response retrieveSeries(@PathParam("study") String study, @PathParam("series") String series) {
        return WadoMultipart.of(access().files(study, series, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances/{instance: " + UID + "}")
    public Response retrieveInstance(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance) {
        return WadoMultipart.of(access().files(study, series, instance));
    }

    @GET
    @Path("studies/{study: " + UID + "}/metadata")
    @Produces({DICOM_JSON, "application/json"})
    public Response studyMetadata(@PathParam("study") String study) {
        return metadata(access().files(study, null, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/metadata")
    @Produces({DICOM_JSON, "application/json"})
    public Response seriesMetadata(@PathParam("study") String study, @PathParam("series") String series) {
        return metadata(access().files(study, series, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances/{instance: " + UID + "}/metadata")
    @Produces({DICOM_JSON, "application/json"})
    public Response instanceMetadata(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance) {
        return metadata(access().files(study, series, instance));
    }

    private static Response metadata(List<StoredObject> objects) {
        List<String> items = new ArrayList<>();
        for (StoredObject o : objects) {
            try {
                items.add(DicomJson.metadata(o.file()));
            } catch (IOException | InvalidDicomFile e) {
                throw new IllegalStateException("a stored object cannot be read", e);
            }
        }
        return json("[" + String.join(",", items) + "]", List.of());
    }

    static Response json(String body, List<String> unsupportedFields) {
        Response.ResponseBuilder ok = Response.ok(body, DICOM_JSON).header("Cache-Control", "no-store");
        if (!unsupportedFields.isEmpty()) {
            ok.header("Warning", IncludeFields.warning(unsupportedFields));
        }
        return ok.build();
    }
}
