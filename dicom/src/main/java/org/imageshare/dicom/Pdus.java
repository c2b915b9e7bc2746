// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes the PDUs an SCP sends (PS3.8 9.3). */
final class Pdus {

    static final int A_ASSOCIATE_RQ = 0x01;
    static final int A_ASSOCIATE_AC = 0x02;
    static final int A_ASSOCIATE_RJ = 0x03;
    static final int P_DATA_TF = 0x04;
    static final int A_RELEASE_RQ = 0x05;
    static final int A_RELEASE_RP = 0x06;
    static final int A_ABORT = 0x07;

    static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    /** Our Implementation Class UID (a UUID-derived UID, PS3.5 B.2) and version name. */
    static final String IMPLEMENTATION_CLASS_UID = "2.25.59457744747621671873990917950971297874";
    static final String IMPLEMENTATION_VERSION = "IMAGESHARE_1";

    // A-ASSOCIATE-RJ result / source / reason (PS3.8 9.3.4)
    static final int RJ_PERMANENT = 1;
    static final int RJ_TRANSIENT = 2;
    static final int RJ_SOURCE_USER = 1;
    static final int RJ_SOURCE_ACSE = 2;
    static final int RJ_SOURCE_PRESENTATION = 3;
    static final int RJ_USER_NO_REASON = 1;
    static final int RJ_USER_APPLICATION_CONTEXT = 2;
    static final int RJ_USER_CALLING_AE = 3;
    static final int RJ_USER_CALLED_AE = 7;
    static final int RJ_ACSE_PROTOCOL_VERSION = 2;
    static final int RJ_PRESENTATION_LOCAL_LIMIT = 2;

    private Pdus() {
    }

    /** An accepted or rejected presentation context for the A-ASSOCIATE-AC. */
    record ContextResult(int id, int result, String transferSyntax) {
        static final int ACCEPTANCE = 0;
        static final int USER_REJECTION = 1;
        static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
        static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

        boolean accepted() {
            return result == ACCEPTANCE;
        }
    }

    static byte[] associateAccept(AssociateRequest rq, List<ContextResult> contexts, int ourMaxPduLength) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256 + 64 * contexts.size());
        put16(body, 1);
        put16(body, 0);
        body.writeBytes(rq.calledAeField());
        body.writeBytes(rq.callingAeField());
        body.writeBytes(new byte[32]);
        item(body, 0x10, ascii(APPLICATION_CONTEXT));
        for (ContextResult c : contexts) {
            ByteArrayOutputStream pc = new ByteArrayOutputStream(64);
            pc.write(c.id());
            pc.write(0);
            pc.write(c.result());
            pc.write(0);
            item(pc, 0x40, ascii(c.transferSyntax()));
            item(body, 0x21, pc.toByteArray());
        }
        ByteArrayOutputStream user = new ByteArrayOutputStream(64);
        item(user, 0x51, new byte[] {(byte) (ourMaxPduLength >>> 24), (byte) (ourMaxPduLength >>> 16),
                (byte) (ourMaxPduLength >>> 8), (byte) ourMaxPduLength});
        item(user, 0x52, ascii(IMPLEMENTATION_CLASS_UID));
        item(user, 0x55, ascii(IMPLEMENTATION_VERSION));
        item(body, 0x50, user.toByteArray());
        return pdu(A_ASSOCIATE_AC, body.toByteArray());
    }

    static byte[] associateReject(int result, int source, int reason) {
        return pdu(A_ASSOCIATE_RJ, new byte[] {0, (byte) result, (byte) source, (byte) reason});
    }

    /** A-ABORT; source 0 = service user, 2 = service provider. */
    static byte[] abort(int source, int reason) {
        return pdu(A_ABORT, new byte[] {0, 0, (byte) source, (byte) reason});
    }

    static byte[] releaseResponse() {
        return pdu(A_RELEASE_RP, new byte[4]);
    }

    /** One P-DATA-TF carrying a complete command (one PDV, last fragment). */
    static byte[] commandPData(int presentationContextId, byte[] command) {
        int pdvLength = command.length + 2;
        byte[] b = new byte[6 + 4 + pdvLength];
        b[0] = P_DATA_TF;
        putInt(b, 2, 4 + pdvLength);
        putInt(b, 6, pdvLength);
        b[10] = (byte) presentationContextId;
        b[11] = 0x03; // command, last fragment
        System.arraycopy(command, 0, b, 12, command.length);
        return b;
    }

    private static byte[] pdu(int type, byte[] body) {
        byte[] b = new byte[6 + body.length];
        b[0] = (byte) type;
        putInt(b, 2, body.length);
        System.arraycopy(body, 0, b, 6, body.length);
        return b;
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(0);
        put16(out, value.length);
        out.writeBytes(value);
    }

    private static void put16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
