// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The association-requestor side of the upper layer (PS3.8 9.2), for our own C-ECHO / C-FIND / C-MOVE
 * requests: one socket, one thread, Implicit VR Little Endian only, synchronous (window 1). Reuses the
 * listener's PDU reader ({@link PduInput}) and encoders ({@link Pdus}).
 */
final class ScuAssociation implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ScuAssociation.class.getName());
    private static final int MAX_AC_LENGTH = 256 * 1024;
    private static final int MAX_RESPONSE_DATA = 4 * 1024 * 1024;
    private static final int ABORT_SOURCE_USER = 0;

    /** A DIMSE response: its command and, if it has one, its data set. */
    record Message(Dimse.Response command, byte[] dataSet) {
    }

    private final ScuSettings settings;
    private final RemoteAe peer;
    private final Socket socket;
    private final OutputStream out;
    private final PduInput in;
    private final Map<String, Integer> contexts;
    private final long peerMaxPdu;
    private final Object sendLock = new Object();
    private int nextMessageId = 1;
    private long pdvLeftInPdu;
    private boolean open = true;

    private ScuAssociation(ScuSettings settings, RemoteAe peer, Socket socket, PduInput in,
            Map<String, Integer> contexts, long peerMaxPdu) throws IOException {
        this.settings = settings;
        this.peer = peer;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = in;
        this.contexts = contexts;
        this.peerMaxPdu = peerMaxPdu;
    }

    /** Connects and negotiates one presentation context (Implicit VR Little Endian) per abstract syntax. */
    static ScuAssociation open(ScuSettings settings, RemoteAe peer, List<String> abstractSyntaxes)
            throws ScuException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(peer.host(), peer.port()), (int) settings.connectTimeout().toMillis());
        } catch (IOException e) {
            DicomListener.closeQuietly(socket);
            throw new ScuException(ScuException.Reason.CONNECT_FAILED, "cannot connect to " + peer + ": " + e.getClass().getSimpleName(), e);
        }
        try {
            socket.setSoTimeout((int) settings.connectTimeout().toMillis());
            OutputStream o = socket.getOutputStream();
            o.write(associateRequest(settings, peer, abstractSyntaxes));
            o.flush();
            PduInput in = new PduInput(socket.getInputStream(), Math.max(128 * 1024, settings.maxPduLength() + 6));
            int type = in.readPduTypeOrEof();
            if (type < 0) {
                throw new ScuException(ScuException.Reason.ABORTED, peer + " closed the connection during association");
            }
            in.readUnsignedByte();
            long length = in.readUnsignedInt();
            if (length > MAX_AC_LENGTH) {
                throw new ScuException(ScuException.Reason.ABORTED, peer + " sent an oversized PDU");
            }
            byte[] body = new byte[(int) length];
            in.readFully(body, 0, body.length);
            if (type == Pdus.A_ASSOCIATE_RJ) {
                throw new ScuException(ScuException.Reason.REJECTED, rejection(peer, body));
            }
            if (type == Pdus.A_ABORT) {
                throw new ScuException(ScuException.Reason.ABORTED, peer + " aborted the association request");
            }
            if (type != Pdus.A_ASSOCIATE_AC) {
                throw new ScuException(ScuException.Reason.ABORTED, peer + " answered PDU type " + type);
            }
            Map<Integer, String> proposed = new HashMap<>();
            for (int i = 0; i < abstractSyntaxes.size(); i++) {
                proposed.put(1 + 2 * i, abstractSyntaxes.get(i));
            }
            Map<String, Integer> accepted = new HashMap<>();
            long[] maxPdu = {0};
            parseAccept(body, proposed, accepted, maxPdu);
            if (accepted.isEmpty()) {
                throw new ScuException(ScuException.Reason.NOT_SUPPORTED,
                        peer + " accepted none of the presentation contexts " + abstractSyntaxes);
            }
            socket.setSoTimeout((int) settings.responseTimeout().toMillis());
            return new ScuAssociation(settings, peer, socket, in, accepted, maxPdu[0]);
        } catch (ScuException e) {
            DicomListener.closeQuietly(socket);
            throw e;
        } catch (SocketTimeoutException e) {
            DicomListener.closeQuietly(socket);
            throw new ScuException(ScuException.Reason.TIMEOUT, peer + " did not answer the association request in time", e);
        } catch (IOException | ProtocolException e) {
            DicomListener.closeQuietly(socket);
            throw new ScuException(ScuException.Reason.ABORTED, "association with " + peer + " failed: " + e.getMessage(), e);
        }
    }

    boolean supports(String abstractSyntax) {
        return contexts.containsKey(abstractSyntax);
    }

    int context(String abstractSyntax) throws ScuException {
        Integer id = contexts.get(abstractSyntax);
        if (id == null) {
            throw new ScuException(ScuException.Reason.NOT_SUPPORTED, peer + " does not support " + abstractSyntax);
        }
        return id;
    }

    int nextMessageId() {
        int id = nextMessageId;
        nextMessageId = nextMessageId == 0xFFFF ? 1 : nextMessageId + 1;
        return id;
    }

    /** Sends a command and, if given, its data set (fragmented to the peer's maximum PDU length). */
    void send(int contextId, byte[] command, byte[] dataSet) throws ScuException {
        try {
            synchronized (sendLock) {
                out.write(Pdus.commandPData(contextId, command));
                if (dataSet != null) {
                    int max = (int) Math.min(peerMaxPdu == 0 ? 65536 : peerMaxPdu, 65536) - 6;
                    int off = 0;
                    do {
                        int n = Math.min(max, dataSet.length - off);
                        out.write(dataPData(contextId, dataSet, off, n, off + n == dataSet.length));
                        off += n;
                    } while (off < dataSet.length);
                }
                out.flush();
            }
        } catch (IOException e) {
            abort();
            throw new ScuException(ScuException.Reason.ABORTED, "connection to " + peer + " lost while sending", e);
        }
    }

    /** Reads the next complete DIMSE message (waiting up to the response timeout). */
    Message read() throws ScuException {
        try {
            ByteArrayOutputStream command = new ByteArrayOutputStream(256);
            Dimse.Response response = null;
            ByteArrayOutputStream data = null;
            while (true) {
                if (pdvLeftInPdu == 0) {
                    nextPData();
                }
                long itemLength = in.readUnsignedInt();
                if (itemLength < 2 || itemLength > pdvLeftInPdu - 4) {
                    throw new ProtocolException(6, "PDV length overruns the PDU");
                }
                pdvLeftInPdu -= 4 + itemLength;
                in.readUnsignedByte(); // presentation context id
                int control = in.readUnsignedByte();
                int valueLength = (int) (itemLength - 2);
                boolean last = (control & 0x02) != 0;
                if ((control & 0x01) != 0) {
                    if (response != null || command.size() + valueLength > 64 * 1024) {
                        throw new ProtocolException(6, "unexpected or oversized command fragment");
                    }
                    byte[] chunk = new byte[valueLength];
                    in.readFully(chunk, 0, valueLength);
                    command.writeBytes(chunk);
                    if (last) {
                        response = Dimse.parse(command.toByteArray(), command.size());
                        if (!response.hasDataSet()) {
                            return new Message(response, null);
                        }
                        data = new ByteArrayOutputStream(1024);
                    }
                } else {
                    if (response == null || data.size() + valueLength > MAX_RESPONSE_DATA) {
                        throw new ProtocolException(6, "unexpected or oversized data fragment");
                    }
                    byte[] chunk = new byte[valueLength];
                    in.readFully(chunk, 0, valueLength);
                    data.writeBytes(chunk);
                    if (last) {
                        return new Message(response, data.toByteArray());
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            LOG.log(Level.INFO, "No response from {0} within {1}, aborting", peer, settings.responseTimeout());
            abort();
            throw new ScuException(ScuException.Reason.TIMEOUT, "no response from " + peer + " within "
                    + settings.responseTimeout().toSeconds() + " s", e);
        } catch (IOException e) {
            abort();
            throw new ScuException(ScuException.Reason.ABORTED, "connection to " + peer + " lost: " + e.getClass().getSimpleName(), e);
        } catch (ProtocolException e) {
            sendQuietly(Pdus.abort(2, e.abortReason()));
            abort();
            throw new ScuException(ScuException.Reason.ABORTED, peer + " broke the protocol: " + e.getMessage(), e);
        }
    }

    private void nextPData() throws IOException, ProtocolException, ScuException {
        int type = in.readPduTypeOrEof();
        if (type < 0) {
            throw new EOFException("peer closed the connection");
        }
        in.readUnsignedByte();
        long length = in.readUnsignedInt();
        if (type == Pdus.A_ABORT) {
            in.skip(length);
            open = false;
            DicomListener.closeQuietly(socket);
            throw new ScuException(ScuException.Reason.ABORTED, peer + " aborted the association");
        }
        if (type != Pdus.P_DATA_TF) {
            throw new ProtocolException(2, "unexpected PDU type " + type);
        }
        if (length > settings.maxPduLength() || length < 6) {
            throw new ProtocolException(6, "P-DATA-TF length " + length + " out of range");
        }
        pdvLeftInPdu = length;
    }

    /** A-RELEASE-RQ, wait for A-RELEASE-RP (briefly), close. */
    void release() {
        if (!open) {
            return;
        }
        open = false;
        try {
            synchronized (sendLock) {
                out.write(releaseRequest());
                out.flush();
            }
            socket.setSoTimeout((int) Math.min(settings.responseTimeout().toMillis(), 5000));
            while (true) {
                int type = in.readPduTypeOrEof();
                if (type < 0) {
                    break;
                }
                in.readUnsignedByte();
                long length = in.readUnsignedInt();
                in.skip(length);
                if (type == Pdus.A_RELEASE_RP || type == Pdus.A_ABORT) {
                    break;
                }
            }
        } catch (IOException e) {
            // closing anyway
        } finally {
            DicomListener.closeQuietly(socket);
        }
    }

    void abort() {
        if (!open) {
            return;
        }
        open = false;
        sendQuietly(Pdus.abort(ABORT_SOURCE_USER, 0));
        DicomListener.closeQuietly(socket);
    }

    private void sendQuietly(byte[] pdu) {
        try {
            synchronized (sendLock) {
                out.write(pdu);
                out.flush();
            }
        } catch (IOException e) {
            // gone already
        }
    }

    @Override
    public void close() {
        if (open) {
            release();
        }
    }

    // --- PDUs only a requestor sends ---

    static byte[] associateRequest(ScuSettings settings, RemoteAe peer, List<String> abstractSyntaxes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        body.write(0);
        body.write(1); // protocol version 1
        body.write(0);
        body.write(0);
        body.writeBytes(aeField(peer.aeTitle()));
        body.writeBytes(aeField(settings.callingAeTitle()));
        body.writeBytes(new byte[32]);
        item(body, 0x10, ascii(Pdus.APPLICATION_CONTEXT));
        for (int i = 0; i < abstractSyntaxes.size(); i++) {
            ByteArrayOutputStream pc = new ByteArrayOutputStream(96);
            pc.write(1 + 2 * i);
            pc.write(0);
            pc.write(0);
            pc.write(0);
            item(pc, 0x30, ascii(abstractSyntaxes.get(i)));
            item(pc, 0x40, ascii(Dimse.IMPLICIT_VR_LITTLE_ENDIAN));
            item(body, 0x20, pc.toByteArray());
        }
        ByteArrayOutputStream user = new ByteArrayOutputStream(64);
        int max = settings.maxPduLength();
        item(user, 0x51, new byte[] {(byte) (max >>> 24), (byte) (max >>> 16), (byte) (max >>> 8), (byte) max});
        item(user, 0x52, ascii(Pdus.IMPLEMENTATION_CLASS_UID));
        item(user, 0x55, ascii(Pdus.IMPLEMENTATION_VERSION));
        item(body, 0x50, user.toByteArray());
        byte[] b = body.toByteArray();
        byte[] pdu = new byte[6 + b.length];
        pdu[0] = Pdus.A_ASSOCIATE_RQ;
        putInt(pdu, 2, b.length);
        System.arraycopy(b, 0, pdu, 6, b.length);
        return pdu;
    }

    static byte[] releaseRequest() {
        return new byte[] {Pdus.A_RELEASE_RQ, 0, 0, 0, 0, 4, 0, 0, 0, 0};
    }

    private static byte[] dataPData(int contextId, byte[] data, int off, int len, boolean last) {
        int pdvLength = len + 2;
        byte[] b = new byte[6 + 4 + pdvLength];
        b[0] = Pdus.P_DATA_TF;
        putInt(b, 2, 4 + pdvLength);
        putInt(b, 6, pdvLength);
        b[10] = (byte) contextId;
        b[11] = (byte) (last ? 0x02 : 0x00);
        System.arraycopy(data, off, b, 12, len);
        return b;
    }

    private static void parseAccept(byte[] b, Map<Integer, String> proposed, Map<String, Integer> accepted,
            long[] maxPdu) throws ProtocolException {
        if (b.length < 68) {
            throw new ProtocolException(6, "A-ASSOCIATE-AC too short");
        }
        int p = 68;
        while (p < b.length) {
            if (p + 4 > b.length) {
                throw new ProtocolException(6, "item header overruns the PDU");
            }
            int type = b[p] & 0xFF;
            int len = AssociateRequest.u16(b, p + 2);
            int start = p + 4;
            if (start + len > b.length) {
                throw new ProtocolException(6, "item overruns the PDU");
            }
            if (type == 0x21 && len >= 4) {
                int id = b[start] & 0xFF;
                int result = b[start + 2] & 0xFF;
                String as = proposed.get(id);
                if (result == 0 && as != null) {
                    accepted.put(as, id);
                }
            } else if (type == 0x50) {
                int q = start;
                while (q + 4 <= start + len) {
                    int subType = b[q] & 0xFF;
                    int subLen = AssociateRequest.u16(b, q + 2);
                    if (subType == 0x51 && subLen == 4 && q + 8 <= b.length) {
                        maxPdu[0] = AssociateRequest.u32(b, q + 4);
                    }
                    q += 4 + subLen;
                }
            }
            p = start + len;
        }
    }

    private static String rejection(RemoteAe peer, byte[] body) {
        if (body.length < 4) {
            return peer + " rejected the association";
        }
        int result = body[1] & 0xFF;
        int source = body[2] & 0xFF;
        int reason = body[3] & 0xFF;
        String why = switch (source) {
            case 1 -> switch (reason) {
                case 2 -> "application context name not supported";
                case 3 -> "calling AE title not recognized (is our AE title configured on the peer?)";
                case 7 -> "called AE title not recognized";
                default -> "no reason given";
            };
            case 2 -> reason == 2 ? "protocol version not supported" : "no reason given";
            case 3 -> reason == 1 ? "temporary congestion" : reason == 2 ? "local limit exceeded" : "no reason given";
            default -> "unknown source";
        };
        return peer + " rejected the association (" + (result == 1 ? "permanent" : "transient") + "): " + why
                + " [result " + result + ", source " + source + ", reason " + reason + "]";
    }

    private static byte[] aeField(String ae) {
        byte[] f = new byte[16];
        Arrays.fill(f, (byte) ' ');
        byte[] raw = ae.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(raw, 0, f, 0, Math.min(16, raw.length));
        return f;
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(0);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
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
