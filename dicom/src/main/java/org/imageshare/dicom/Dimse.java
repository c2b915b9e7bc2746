// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * DIMSE command sets for the SCU side (PS3.7 E, group 0000, Implicit VR Little Endian): building
 * requests and reading responses as a map from element number to raw value.
 */
final class Dimse {

    static final int AFFECTED_SOP_CLASS = 0x0002;
    static final int COMMAND_FIELD = 0x0100;
    static final int MESSAGE_ID = 0x0110;
    static final int MESSAGE_ID_RESPONDED_TO = 0x0120;
    static final int MOVE_DESTINATION = 0x0600;
    static final int PRIORITY = 0x0700;
    static final int DATA_SET_TYPE = 0x0800;
    static final int STATUS = 0x0900;
    static final int ERROR_COMMENT = 0x0902;
    static final int REMAINING = 0x1020;
    static final int COMPLETED = 0x1021;
    static final int FAILED = 0x1022;
    static final int WARNING = 0x1023;

    static final int C_FIND_RQ = 0x0020;
    static final int C_MOVE_RQ = 0x0021;
    static final int C_ECHO_RQ = 0x0030;
    static final int C_CANCEL_RQ = 0x0FFF;
    static final int DATA_SET_PRESENT = 0x0000;
    static final int NO_DATA_SET = 0x0101;

    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";

    private Dimse() {
    }

    /** A request command set. */
    static final class Builder {
        private final TreeMap<Integer, byte[]> elements = new TreeMap<>();

        Builder uid(int element, String uid) {
            elements.put(element, padded(uid.getBytes(StandardCharsets.US_ASCII), (byte) 0));
            return this;
        }

        Builder ae(int element, String ae) {
            elements.put(element, padded(ae.getBytes(StandardCharsets.US_ASCII), (byte) ' '));
            return this;
        }

        Builder us(int element, int value) {
            elements.put(element, new byte[] {(byte) value, (byte) (value >>> 8)});
            return this;
        }

        byte[] build() {
            ByteArrayOutputStream body = new ByteArrayOutputStream(128);
            elements.forEach((el, v) -> element(body, el, v));
            byte[] content = body.toByteArray();
            ByteArrayOutputStream all = new ByteArrayOutputStream(content.length + 12);
            element(all, 0x0000, new byte[] {(byte) content.length, (byte) (content.length >>> 8),
                    (byte) (content.length >>> 16), (byte) (content.length >>> 24)});
            all.writeBytes(content);
            return all.toByteArray();
        }
    }

    static Builder request(String sopClass, int commandField, int messageId, boolean withDataSet) {
        return new Builder().uid(AFFECTED_SOP_CLASS, sopClass).us(COMMAND_FIELD, commandField)
                .us(MESSAGE_ID, messageId).us(DATA_SET_TYPE, withDataSet ? DATA_SET_PRESENT : NO_DATA_SET);
    }

    static byte[] cancel(int messageIdBeingCancelled) {
        return new Builder().us(COMMAND_FIELD, C_CANCEL_RQ).us(MESSAGE_ID_RESPONDED_TO, messageIdBeingCancelled)
                .us(DATA_SET_TYPE, NO_DATA_SET).build();
    }

    /** A received command set. */
    record Response(Map<Integer, byte[]> elements) {

        int commandField() {
            return us(COMMAND_FIELD);
        }

        int respondedTo() {
            return us(MESSAGE_ID_RESPONDED_TO);
        }

        int status() {
            return us(STATUS);
        }

        boolean hasDataSet() {
            return us(DATA_SET_TYPE) != NO_DATA_SET;
        }

        String errorComment() {
            byte[] v = elements.get(ERROR_COMMENT);
            return v == null ? "" : AssociateRequest.ascii(v, 0, v.length);
        }

        /** A US value, or -1 when absent. */
        int us(int element) {
            byte[] v = elements.get(element);
            return v == null || v.length != 2 ? -1 : CommandSet.u16le(v, 0);
        }
    }

    static Response parse(byte[] b, int length) throws ProtocolException {
        Map<Integer, byte[]> elements = new TreeMap<>();
        int p = 0;
        while (p < length) {
            if (p + 8 > length) {
                throw new ProtocolException(6, "truncated command element");
            }
            int group = CommandSet.u16le(b, p);
            int element = CommandSet.u16le(b, p + 2);
            long len = CommandSet.u32le(b, p + 4);
            p += 8;
            if (group != 0 || len > length - p) {
                throw new ProtocolException(6, "malformed command set");
            }
            elements.put(element, java.util.Arrays.copyOfRange(b, p, p + (int) len));
            p += (int) len;
        }
        if (!elements.containsKey(COMMAND_FIELD) || !elements.containsKey(DATA_SET_TYPE)) {
            throw new ProtocolException(6, "command set lacks Command Field or Command Data Set Type");
        }
        return new Response(elements);
    }

    static void element(ByteArrayOutputStream out, int element, byte[] value) {
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

    static byte[] padded(byte[] raw, byte pad) {
        if (raw.length % 2 == 0) {
            return raw;
        }
        byte[] p = java.util.Arrays.copyOf(raw, raw.length + 1);
        p[raw.length] = pad;
        return p;
    }
}
