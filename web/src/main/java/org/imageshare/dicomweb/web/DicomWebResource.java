// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.dicomweb.boundary.DicomWebService;
import org.imageshare.dicomweb.control.DicomWebAccess;
import org.imageshare.ingest.boundary.ObjectImport;
import org.imageshare.ingest.control.ImportedObject;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.staff.entity.StaffRole;

/**
 * DICOMweb for staff (HTTP Basic, registrar or admin) at {@code /dicomweb} (forwarded here by
 * {@link DicomWebForward}): QIDO-RS and WADO-RS over every study ({@link DicomWebApi} with the staff boundary)
 * and STOW-RS (PS3.18).
 */
@Path("dicomweb")
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
@SecurityRequirement(name = "staff")
public class DicomWebResource extends DicomWebApi {

    @Inject
    DicomWebService dicomweb;

    @Inject
    ObjectImport imports;

    @Inject
    ImageShareConfig config;

    @Override
    protected DicomWebAccess access() {
        return DicomWebService.access(dicomweb);
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

    @Override
    protected String base() {
        return config.publicUrl() + "/dicomweb";
    }
}
