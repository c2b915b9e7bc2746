// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.imageshare.study.control.PreparedDownload;

/**
 * The HTTP answer for a study ZIP, whoever was granted it (the patient route now, a share link later):
 * streamed straight from the store into the response (no temporary copy), with Content-Length so the
 * browser shows progress.
 */
public final class StudyZipResponse {

    private StudyZipResponse() {
    }

    public static Response of(PreparedDownload download) {
        StreamingOutput body = out -> download.archive().writeTo(out);
        Response.ResponseBuilder answer = Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
                .header("Cache-Control", "no-store");
        download.archive().length().ifPresent(length -> answer.header("Content-Length", length));
        return answer.build();
    }
}
