// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds the DICOM Part 10 file preamble and File Meta Information (PS3.10 7.1), Explicit VR LE. */
final class Part10 {

    private Part10() {
    }

    /** Preamble, "DICM" and the meta group; the data set follows unchanged. */
    static byte[] header(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String sourceAeTitle) {
        ByteArrayOutputStream group = new ByteArrayOutputStream(256);
        shortElement(group, 0x0001, "OB", null);
        group.writeBytes(new byte[] {0, 0, 2, 0, 0, 0, 0, 1}); // reserved, 4-byte length 2, value 00 01
        shortElement(group, 0x0002, "UI", pad(sopClassUid, (byte) 0));
        shortElement(group, 0x0003, "UI", pad(sopInstanceUid, (byte) 0));
        shortElement(group, 0x0010, "UI", pad(transferSyntaxUid, (byte) 0));
        shortElement(group, 0x0012, "UI", pad(Pdus.IMPLEMENTATION_CLASS_UID, (byte) 0));
        shortElement(group, 0x0013, "SH", pad(Pdus.IMPLEMENTATION_VERSION, (byte) ' '));
        if (!sourceAeTitle.isEmpty()) {
            shortElement(group, 0x0016, "AE", pad(sourceAeTitle, (byte) ' '));
        }
        byte[] content = group.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 4 + 12 + content.length);
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {2, 0, 0, 0, 'U', 'L', 4, 0});
        int n = content.length;
        out.writeBytes(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** Writes tag and VR; for OB (value null) the caller writes the long-form length itself. */
    private static void shortElement(ByteArrayOutputStream out, int element, String vr, byte[] value) {
        out.write(2);
        out.write(0);
        out.write(element);
        out.write(element >>> 8);
        out.write(vr.charAt(0));
        out.write(vr.charAt(1));
        if (value != null) {
            out.write(value.length);
            out.write(value.length >>> 8);
            out.writeBytes(value);
        }
    }

    private static byte[] pad(String s, byte padding) {
        byte[] raw = s.getBytes(StandardCharsets.US_ASCII);
        if (raw.length % 2 == 0) {
            return raw;
        }
        byte[] padded = java.util.Arrays.copyOf(raw, raw.length + 1);
        padded[raw.length] = padding;
        return padded;
    }
}
