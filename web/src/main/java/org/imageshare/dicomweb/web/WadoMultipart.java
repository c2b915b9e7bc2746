// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.imageshare.study.control.StoredObject;

/**
 * WADO-RS instances as {@code multipart/related; type="application/dicom"}: each part is a stored file
 * exactly as stored (its transfer syntax named in the part's Content-Type), copied from disk to the
 * response; the total length is known up front and sent as Content-Length.
 */
final class WadoMultipart {

    private WadoMultipart() {
    }

    static Response of(List<StoredObject> objects) {
        String boundary = MultipartRelated.newBoundary();
        long length = 0;
        for (StoredObject o : objects) {
            length += partHeader(boundary, o).length + o.fileSize() + 2;
        }
        byte[] close = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        length += close.length;
        StreamingOutput body = out -> {
            for (StoredObject o : objects) {
                out.write(partHeader(boundary, o));
                Files.copy(o.file(), out);
                out.write(new byte[] {'\r', '\n'});
            }
            out.write(close);
        };
        return Response.ok(body)
                .type("multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Content-Length", length)
                .header("Cache-Control", "no-store")
                .build();
    }

    private static byte[] partHeader(String boundary, StoredObject o) {
        return ("--" + boundary + "\r\nContent-Type: application/dicom; transfer-syntax=" + o.transferSyntaxUid()
                + "\r\nContent-Length: " + o.fileSize() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
