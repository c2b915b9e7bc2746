// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.imageshare.ingest.boundary.ObjectImport;
import org.imageshare.ingest.control.ImportedObject;
import org.imageshare.platform.control.InvalidInput;

/**
 * Reads a STOW-RS request body part by part: each {@code application/dicom} part is streamed into its own
 * temporary file and handed to the ingest path before the next part is read; other parts are refused.
 */
final class StowReader {

    static final long MAX_PART_BYTES = 4L * 1024 * 1024 * 1024;
    static final int MAX_PARTS = 100_000;

    private StowReader() {
    }

    static List<ImportedObject> read(String contentType, InputStream body, ObjectImport imports,
            Optional<String> requiredStudy) throws IOException {
        String type = MultipartRelated.parameter(contentType, "type").orElse("application/dicom");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/dicom")
                || type.toLowerCase(Locale.ROOT).startsWith("application/dicom+")) {
            throw new InvalidInput("Content-Type", "only multipart/related; type=\"application/dicom\" is supported");
        }
        String boundary = MultipartRelated.parameter(contentType, "boundary")
                .orElseThrow(() -> new InvalidInput("Content-Type", "has no boundary"));
        MultipartRelated parts = new MultipartRelated(body, boundary);
        List<ImportedObject> results = new ArrayList<>();
        boolean more = parts.start();
        while (more) {
            if (results.size() >= MAX_PARTS) {
                throw new InvalidInput("body", "more than " + MAX_PARTS + " parts");
            }
            String name = "part " + (results.size() + 1);
            Map<String, String> headers = parts.headers();
            String partType = headers.getOrDefault("content-type", type).toLowerCase(Locale.ROOT);
            if (!partType.startsWith("application/dicom") || partType.startsWith("application/dicom+")) {
                more = parts.copyBody(OutputStream.nullOutputStream(), MAX_PART_BYTES);
                results.add(ImportedObject.rejected(name, ObjectImport.CANNOT_UNDERSTAND,
                        "part is not application/dicom"));
                continue;
            }
            Path upload = imports.newUploadFile();
            try {
                try (OutputStream out = Files.newOutputStream(upload)) {
                    more = parts.copyBody(out, MAX_PART_BYTES);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(upload);
                throw e;
            }
            results.add(imports.importFile(name, upload, ObjectImport.Source.STOW, requiredStudy));
        }
        return results;
    }
}
