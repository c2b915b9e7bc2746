// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Reads the file meta group of a Part 10 file (test side, independent of the code under test). */
record Part10Files(Map<Integer, String> meta, int dataSetOffset, byte[] bytes) {

    static final int MEDIA_SOP_CLASS = 0x00020002;
    static final int MEDIA_SOP_INSTANCE = 0x00020003;
    static final int TRANSFER_SYNTAX = 0x00020010;
    static final int SOURCE_AE = 0x00020016;

    /** Parses preamble + meta; works also when (0002,0000) is absent. */
    static Part10Files read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < 132 || !"DICM".equals(new String(b, 128, 4, StandardCharsets.US_ASCII))) {
            throw new IOException("not a Part 10 file: " + file);
        }
        Map<Integer, String> meta = new HashMap<>();
        int p = 132;
        while (p + 8 <= b.length && u16(b, p) == 0x0002) {
            int tag = (u16(b, p) << 16) | u16(b, p + 2);
            String vr = new String(b, p + 4, 2, StandardCharsets.US_ASCII);
            int len;
            int value;
            if (vr.equals("OB") || vr.equals("UN") || vr.equals("UT") || vr.equals("SQ")) {
                len = (int) (u16(b, p + 8) | ((long) u16(b, p + 10) << 16));
                value = p + 12;
            } else {
                len = u16(b, p + 6);
                value = p + 8;
            }
            if (!vr.equals("OB") && !vr.equals("UL")) {
                meta.put(tag, new String(b, value, len, StandardCharsets.US_ASCII).replace("\0", "").strip());
            }
            p = value + len;
        }
        return new Part10Files(meta, p, b);
    }

    String transferSyntax() {
        return meta.getOrDefault(TRANSFER_SYNTAX, "");
    }

    String sopClass() {
        return meta.getOrDefault(MEDIA_SOP_CLASS, "");
    }

    String sopInstance() {
        return meta.getOrDefault(MEDIA_SOP_INSTANCE, "");
    }

    byte[] dataSet() {
        return Arrays.copyOfRange(bytes, dataSetOffset, bytes.length);
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }
}
