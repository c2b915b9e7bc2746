// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming multipart/related reader of STOW-RS. */
class MultipartRelatedTest {

    @Test
    void partsComeOutByteForByteAlsoWhenTheBoundaryIsSplitAcrossReads() throws IOException {
        byte[] a = new byte[200_000];
        new Random(1).nextBytes(a);
        byte[] b = "\r\n--notquite\r\n--bounx".getBytes(StandardCharsets.ISO_8859_1); // looks like a boundary, is not
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("preamble\r\n--bound\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(a);
        body.writeBytes("\r\n--bound  \r\ncontent-type: application/dicom\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(b);
        body.writeBytes("\r\n--bound--\r\nepilogue".getBytes(StandardCharsets.ISO_8859_1));
        // a stream that hands out 7 bytes at a time
        InputStream trickle = new ByteArrayInputStream(body.toByteArray()) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, 7));
            }
        };
        MultipartRelated reader = new MultipartRelated(trickle, "bound");
        List<byte[]> parts = new ArrayList<>();
        boolean more = reader.start();
        while (more) {
            assertEquals("application/dicom", reader.headers().get("content-type"));
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            more = reader.copyBody(part, Long.MAX_VALUE);
            parts.add(part.toByteArray());
        }
        assertEquals(2, parts.size());
        assertArrayEquals(a, parts.get(0));
        assertArrayEquals(b, parts.get(1));
        assertTrue(reader.finished());
    }

    @Test
    void truncatedBodiesAndOversizedPartsAreRefused() throws IOException {
        MultipartRelated cut = new MultipartRelated(new ByteArrayInputStream(
                "--b\r\n\r\nsome data without an end".getBytes(StandardCharsets.ISO_8859_1)), "b");
        assertTrue(cut.start());
        cut.headers();
        assertThrows(MultipartRelated.Malformed.class, () -> cut.copyBody(OutputStream.nullOutputStream(), 1000));
        MultipartRelated big = new MultipartRelated(new ByteArrayInputStream(
                "--b\r\n\r\n0123456789\r\n--b--".getBytes(StandardCharsets.ISO_8859_1)), "b");
        big.start();
        big.headers();
        assertThrows(MultipartRelated.TooLarge.class, () -> big.copyBody(OutputStream.nullOutputStream(), 5));
        MultipartRelated none = new MultipartRelated(new ByteArrayInputStream("--b--".getBytes(StandardCharsets.ISO_8859_1)), "b");
        assertFalse(none.start());
    }

    @Test
    void contentTypeParametersAreRead() {
        String type = "multipart/related; type=\"application/dicom\"; boundary=\"a b\"";
        assertEquals("a b", MultipartRelated.parameter(type, "boundary").orElseThrow());
        assertEquals("application/dicom", MultipartRelated.parameter(type, "type").orElseThrow());
        assertTrue(MultipartRelated.parameter("multipart/related", "boundary").isEmpty());
    }
}
