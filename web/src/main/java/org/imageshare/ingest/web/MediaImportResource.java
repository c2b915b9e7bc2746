// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.ingest.boundary.MediaImport;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.staff.entity.StaffRole;

/**
 * CD import for scripts (staff, HTTP Basic): {@code POST /api/v1/imports} with the ZIP of a CD (or one
 * DICOM file) as the body → 200 with the per-file result. A refused upload answers 400 and imports nothing.
 */
@Path("imports")
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
@SecurityRequirement(name = "staff")
public class MediaImportResource {

    /** Largest upload accepted (the unpacked size is capped separately). */
    static final long MAX_UPLOAD_BYTES = 16L << 30;

    @Inject
    MediaImport imports;

    @POST
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM,
        "application/dicom"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importMedia(@QueryParam("name") String name, InputStream body) throws IOException {
        java.nio.file.Path upload = imports.newUploadFile();
        try {
            try (OutputStream out = Files.newOutputStream(upload)) {
                copy(body, out);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(upload);
            throw e;
        }
        String label = name == null || name.isBlank() ? "upload" : name.strip();
        return Response.ok(ImportAnswer.of(imports.importUpload(label, upload)))
                .header("Cache-Control", "no-store").build();
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > MAX_UPLOAD_BYTES) {
                throw new InvalidInput("file", "the upload is larger than " + MAX_UPLOAD_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
    }
}
