// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.dicom.DicomJson;
import org.imageshare.dicom.InvalidDicomFile;
import org.imageshare.dicomweb.boundary.DicomWebService;
import org.imageshare.dicomweb.control.StudyQuery;
import org.imageshare.ingest.boundary.ObjectImport;
import org.imageshare.ingest.control.ImportedObject;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.study.control.StoredObject;

/**
 * DICOMweb for staff (HTTP Basic, registrar or admin) at {@code /dicomweb} (forwarded here by
 * {@link DicomWebForward}): QIDO-RS, WADO-RS (instances and metadata) and STOW-RS (PS3.18).
 */
@Path("dicomweb")
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
@SecurityRequirement(name = "staff")
public class DicomWebResource {

    static final String DICOM_JSON = "application/dicom+json";
    private static final String UID = "[0-9.]{1,64}";
    private static final int DEFAULT_LIMIT = 100;

    @Inject
    DicomWebService dicomweb;

    @Inject
    ObjectImport imports;

    @Inject
    ImageShareConfig config;

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
        return json(QidoJson.studies(dicomweb.studies(query), base()));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchSeries(@PathParam("study") String study, @QueryParam("Modality") String modality,
            @QueryParam("SeriesInstanceUID") String series) {
        return json(QidoJson.series(dicomweb.series(study, modality, series), base()));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchSeriesInstances(@PathParam("study") String study, @PathParam("series") String series,
            @QueryParam("SOPInstanceUID") String sop) {
        return json(QidoJson.instances(dicomweb.instances(study, series, sop), base()));
    }

    @GET
    @Path("studies/{study: " + UID + "}/instances")
    @Produces({DICOM_JSON, "application/json"})
    public Response searchStudyInstances(@PathParam("study") String study, @QueryParam("SOPInstanceUID") String sop) {
        return json(QidoJson.instances(dicomweb.instances(study, null, sop), base()));
    }

    // ---- WADO-RS

    @GET
    @Path("studies/{study: " + UID + "}")
    public Response retrieveStudy(@PathParam("study") String study) {
        return WadoMultipart.of(dicomweb.files(study, null, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}")
    public Response retrieveSeries(@PathParam("study") String study, @PathParam("series") String series) {
        return WadoMultipart.of(dicomweb.files(study, series, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances/{instance: " + UID + "}")
    public Response retrieveInstance(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance) {
        return WadoMultipart.of(dicomweb.files(study, series, instance));
    }

    @GET
    @Path("studies/{study: " + UID + "}/metadata")
    @Produces({DICOM_JSON, "application/json"})
    public Response studyMetadata(@PathParam("study") String study) {
        return metadata(dicomweb.files(study, null, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/metadata")
    @Produces({DICOM_JSON, "application/json"})
    public Response seriesMetadata(@PathParam("study") String study, @PathParam("series") String series) {
        return metadata(dicomweb.files(study, series, null));
    }

    @GET
    @Path("studies/{study: " + UID + "}/series/{series: " + UID + "}/instances/{instance: " + UID + "}/metadata")
    @Produces({DICOM_JSON, "application/json"})
    public Response instanceMetadata(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance) {
        return metadata(dicomweb.files(study, series, instance));
    }

    // ---- STOW-RS

    @POST
    @Path("studies")
    @Consumes("multipart/related")
    @Produces({DICOM_JSON, "application/json"})
    public Response store(@HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        return stow(contentType, body, Optional.empty());
    }

    @POST
    @Path("studies/{study: " + UID + "}")
    @Consumes("multipart/related")
    @Produces({DICOM_JSON, "application/json"})
    public Response storeInStudy(@PathParam("study") String study, @HeaderParam("Content-Type") String contentType,
            InputStream body) throws IOException {
        return stow(contentType, body, Optional.of(study));
    }

    private Response stow(String contentType, InputStream body, Optional<String> study) throws IOException {
        List<ImportedObject> results;
        try {
            results = StowReader.read(contentType, body, imports, study);
        } catch (MultipartRelated.Malformed e) {
            throw new InvalidInput("body", "malformed multipart/related body (" + e.getMessage() + ")");
        } catch (MultipartRelated.TooLarge e) {
            throw new InvalidInput("body", "a part is larger than " + StowReader.MAX_PART_BYTES + " bytes");
        }
        long stored = results.stream().filter(r -> r.outcome() == ImportedObject.Outcome.STORED).count();
        long duplicates = results.stream().filter(r -> r.outcome() == ImportedObject.Outcome.DUPLICATE).count();
        long failed = results.size() - stored - duplicates;
        imports.recordBatch(ObjectImport.Source.STOW, "STOW-RS", (int) stored, (int) duplicates, (int) failed, 0);
        if (results.isEmpty()) {
            throw new InvalidInput("body", "the request holds no instance");
        }
        int status = failed == 0 ? 200 : failed == results.size() ? 409 : 202;
        String studyUrl = study.map(s -> base() + "/studies/" + s).orElse(null);
        return Response.status(status).type(DICOM_JSON).header("Cache-Control", "no-store")
                .entity(QidoJson.stowResponse(results, base(), studyUrl)).build();
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

    private String base() {
        return config.publicUrl() + "/dicomweb";
    }
}
