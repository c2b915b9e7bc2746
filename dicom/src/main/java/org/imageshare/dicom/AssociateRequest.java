// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A parsed A-ASSOCIATE-RQ PDU (PS3.8 9.3.2); only what an SCP needs. */
record AssociateRequest(int protocolVersion, byte[] calledAeField, byte[] callingAeField,
                        String applicationContext, List<ProposedContext> contexts,
                        long peerMaxPduLength, String implementationClassUid,
                        String implementationVersionName) {

    /** One proposed presentation context. */
    record ProposedContext(int id, String abstractSyntax, List<String> transferSyntaxes) {
    }

    String calledAeTitle() {
        return new String(calledAeField, StandardCharsets.US_ASCII).strip();
    }

    String callingAeTitle() {
        return new String(callingAeField, StandardCharsets.US_ASCII).strip();
    }

    /** Parses the variable part after the 6-byte PDU header. */
    static AssociateRequest parse(byte[] b) throws ProtocolException {
        if (b.length < 68) {
            throw new ProtocolException(6, "A-ASSOCIATE-RQ too short");
        }
        int version = u16(b, 0);
        byte[] called = java.util.Arrays.copyOfRange(b, 4, 20);
        byte[] calling = java.util.Arrays.copyOfRange(b, 20, 36);
        String appContext = null;
        List<ProposedContext> contexts = new ArrayList<>();
        long maxPdu = 0;
        String implClass = "";
        String implVersion = "";
        int p = 68;
        while (p < b.length) {
            need(b, p, 4);
            int type = b[p] & 0xFF;
            int len = u16(b, p + 2);
            int start = p + 4;
            need(b, start, len);
            switch (type) {
                case 0x10 -> appContext = ascii(b, start, len);
                case 0x20 -> contexts.add(parseContext(b, start, len));
                case 0x50 -> {
                    int q = start;
                    while (q < start + len) {
                        need(b, q, 4);
                        int subType = b[q] & 0xFF;
                        int subLen = u16(b, q + 2);
                        int subStart = q + 4;
                        if (subStart + subLen > start + len) {
                            throw new ProtocolException(6, "user information sub-item overruns its item");
                        }
                        switch (subType) {
                            case 0x51 -> {
                                if (subLen != 4) {
                                    throw new ProtocolException(6, "bad maximum length sub-item");
                                }
                                maxPdu = u32(b, subStart);
                            }
                            case 0x52 -> implClass = ascii(b, subStart, subLen);
                            case 0x55 -> implVersion = ascii(b, subStart, subLen);
                            default -> {
                                // async window, role selection, extended negotiation, user identity: not supported, ignored
                            }
                        }
                        q = subStart + subLen;
                    }
                }
                default -> throw new ProtocolException(4, "unrecognized item type 0x" + Integer.toHexString(type));
            }
            p = start + len;
        }
        if (appContext == null) {
            throw new ProtocolException(6, "no application context item");
        }
        return new AssociateRequest(version, called, calling, appContext, List.copyOf(contexts), maxPdu,
                implClass, implVersion);
    }

    private static ProposedContext parseContext(byte[] b, int start, int len) throws ProtocolException {
        if (len < 4) {
            throw new ProtocolException(6, "presentation context item too short");
        }
        int id = b[start] & 0xFF;
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        int q = start + 4;
        int end = start + len;
        while (q < end) {
            need(b, q, 4);
            int subType = b[q] & 0xFF;
            int subLen = u16(b, q + 2);
            if (q + 4 + subLen > end) {
                throw new ProtocolException(6, "presentation context sub-item overruns its item");
            }
            String uid = ascii(b, q + 4, subLen);
            if (subType == 0x30) {
                abstractSyntax = uid;
            } else if (subType == 0x40) {
                transferSyntaxes.add(uid);
            } else {
                throw new ProtocolException(4, "unrecognized presentation context sub-item");
            }
            q += 4 + subLen;
        }
        if (abstractSyntax == null || transferSyntaxes.isEmpty()) {
            throw new ProtocolException(6, "presentation context without abstract or transfer syntax");
        }
        return new ProposedContext(id, abstractSyntax, List.copyOf(transferSyntaxes));
    }

    private static void need(byte[] b, int off, int n) throws ProtocolException {
        if (n < 0 || off + n > b.length) {
            throw new ProtocolException(6, "item length overruns the PDU");
        }
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                | (b[off + 3] & 0xFF);
    }

    /** A UID or name, without trailing NUL or space padding. */
    static String ascii(byte[] b, int off, int len) {
        int end = off + len;
        while (end > off && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII).strip();
    }
}
