// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The DIMSE command set (group 0000, always Implicit VR Little Endian, PS3.7 E): parses the fields an
 * SCP acts on and encodes C-ECHO and C-STORE responses.
 */
record CommandSet(int commandField, int messageId, String affectedSopClassUid,
                  String affectedSopInstanceUid, boolean hasDataSet) {

    static final int C_STORE_RQ = 0x0001;
    static final int C_ECHO_RQ = 0x0030;
    static final int NO_DATA_SET = 0x0101;
    static final String VERIFICATION = "1.2.840.10008.1.1";

    /** Status 0x0211: unrecognized operation. */
    static final int STATUS_UNRECOGNIZED_OPERATION = 0x0211;
    /** Status 0x0122: SOP class not supported. */
    static final int STATUS_SOP_CLASS_NOT_SUPPORTED = 0x0122;

    static CommandSet parse(byte[] b, int length) throws ProtocolException {
        int commandField = -1;
        int messageId = -1;
        int dataSetType = -1;
        String sopClass = "";
        String sopInstance = "";
        int p = 0;
        while (p < length) {
            if (p + 8 > length) {
                throw new ProtocolException(6, "truncated command element");
            }
            int group = u16le(b, p);
            int element = u16le(b, p + 2);
            long len = u32le(b, p + 4);
            p += 8;
            if (group != 0 || len > length - p) {
                throw new ProtocolException(6, "malformed command set");
            }
            int vlen = (int) len;
            switch (element) {
                case 0x0002 -> sopClass = AssociateRequest.ascii(b, p, vlen);
                case 0x0100 -> commandField = us(b, p, vlen);
                case 0x0110 -> messageId = us(b, p, vlen);
                case 0x0800 -> dataSetType = us(b, p, vlen);
                case 0x1000 -> sopInstance = AssociateRequest.ascii(b, p, vlen);
                default -> {
                    // other command elements are not needed by this SCP
                }
            }
            p += vlen;
        }
        if (commandField < 0 || dataSetType < 0) {
            throw new ProtocolException(6, "command set lacks Command Field or Command Data Set Type");
        }
        return new CommandSet(commandField, messageId, sopClass, sopInstance, dataSetType != NO_DATA_SET);
    }

    private static int us(byte[] b, int p, int len) throws ProtocolException {
        if (len != 2) {
            throw new ProtocolException(6, "command element of VR US with length " + len);
        }
        return u16le(b, p);
    }

    /** The response to this request: command field | 0x8000, with the given status and optional comment. */
    byte[] response(int status, String errorComment) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(160);
        if (!affectedSopClassUid.isEmpty()) {
            element(body, 0x0002, uid(affectedSopClassUid));
        }
        element(body, 0x0100, u16(commandField | 0x8000));
        element(body, 0x0120, u16(messageId));
        element(body, 0x0800, u16(NO_DATA_SET));
        element(body, 0x0900, u16(status));
        if (errorComment != null) {
            element(body, 0x0902, text(errorComment, 64));
        }
        if (!affectedSopInstanceUid.isEmpty()) {
            element(body, 0x1000, uid(affectedSopInstanceUid));
        }
        byte[] content = body.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream(content.length + 12);
        element(all, 0x0000, new byte[] {(byte) content.length, (byte) (content.length >>> 8),
                (byte) (content.length >>> 16), (byte) (content.length >>> 24)});
        all.writeBytes(content);
        return all.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, int element, byte[] value) {
        out.write(0);
        out.write(0);
        out.write(element);
        out.write(element >>> 8);
        int len = value.length;
        out.write(len);
        out.write(len >>> 8);
        out.write(len >>> 16);
        out.write(len >>> 24);
        out.writeBytes(value);
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8)};
    }

    private static byte[] uid(String uid) {
        byte[] raw = uid.getBytes(StandardCharsets.US_ASCII);
        if (raw.length % 2 == 0) {
            return raw;
        }
        byte[] padded = java.util.Arrays.copyOf(raw, raw.length + 1);
        padded[raw.length] = 0;
        return padded;
    }

    private static byte[] text(String s, int max) {
        String t = s.length() > max ? s.substring(0, max) : s;
        byte[] raw = t.getBytes(StandardCharsets.US_ASCII);
        if (raw.length % 2 == 0) {
            return raw;
        }
        byte[] padded = java.util.Arrays.copyOf(raw, raw.length + 1);
        padded[raw.length] = ' ';
        return padded;
    }

    static int u16le(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    static long u32le(byte[] b, int p) {
        return (b[p] & 0xFFL) | ((b[p + 1] & 0xFFL) << 8) | ((b[p + 2] & 0xFFL) << 16) | ((b[p + 3] & 0xFFL) << 24);
    }
}
