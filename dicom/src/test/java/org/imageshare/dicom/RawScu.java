// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A deliberately small SCU written for the tests, separate from the code under test: it can send
 * what DCMTK refuses to send (broken data sets) and malformed PDUs.
 */
final class RawScu implements AutoCloseable {

    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String VERIFICATION = "1.2.840.10008.1.1";

    /** A PDU as received: type and body. */
    record Pdu(int type, byte[] body) {
    }

    record Context(int id, String abstractSyntax, String transferSyntax) {
    }

    final Socket socket;
    final DataInputStream in;
    final OutputStream out;
    private int messageId;
    private final Map<Integer, Integer> results = new HashMap<>();

    RawScu(int port, int readTimeoutMillis) throws IOException {
        socket = new Socket("localhost", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(readTimeoutMillis);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] associateRequest(String calling, String called, Context... contexts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.write(1);
        body.write(0);
        body.write(0);
        body.writeBytes(ae(called));
        body.writeBytes(ae(calling));
        body.writeBytes(new byte[32]);
        item(body, 0x10, "1.2.840.10008.3.1.1.1".getBytes(StandardCharsets.US_ASCII));
        for (Context c : contexts) {
            ByteArrayOutputStream pc = new ByteArrayOutputStream();
            pc.write(c.id());
            pc.write(0);
            pc.write(0);
            pc.write(0);
            item(pc, 0x30, c.abstractSyntax().getBytes(StandardCharsets.US_ASCII));
            item(pc, 0x40, c.transferSyntax().getBytes(StandardCharsets.US_ASCII));
            item(body, 0x20, pc.toByteArray());
        }
        ByteArrayOutputStream user = new ByteArrayOutputStream();
        item(user, 0x51, new byte[] {0, 0, 0x40, 0});
        item(user, 0x52, "1.2.3.4".getBytes(StandardCharsets.US_ASCII));
        item(body, 0x50, user.toByteArray());
        return pdu(1, body.toByteArray());
    }

    /** Sends an A-ASSOCIATE-RQ and returns the answer (AC, RJ or ABORT). */
    Pdu associate(String calling, String called, Context... contexts) throws IOException {
        out.write(associateRequest(calling, called, contexts));
        Pdu answer = read();
        if (answer.type() == 2) {
            byte[] b = answer.body();
            int p = 68;
            while (p < b.length) {
                int type = b[p] & 0xFF;
                int len = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
                if (type == 0x21) {
                    results.put(b[p + 4] & 0xFF, b[p + 6] & 0xFF);
                }
                p += 4 + len;
            }
        }
        return answer;
    }

    int result(int contextId) {
        return results.getOrDefault(contextId, -1);
    }

    Pdu read() throws IOException {
        int type = in.readUnsignedByte();
        in.readUnsignedByte();
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return new Pdu(type, body);
    }

    /** True if the peer closed the connection (EOF) within the socket timeout, after any PDUs. */
    boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                // skip what is still sent
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    int echo(int contextId) throws IOException {
        byte[] cmd = command(0x0030, VERIFICATION, null, true);
        out.write(pData(contextId, true, true, cmd, 0, cmd.length));
        return responseStatus();
    }

    /** Sends a C-STORE with the data set split into PDVs of at most {@code pdvSize} bytes; returns the status. */
    int store(int contextId, String sopClass, String sopInstance, byte[] dataSet, int pdvSize) throws IOException {
        sendStoreRequest(contextId, sopClass, sopInstance, dataSet, pdvSize, dataSet.length);
        return responseStatus();
    }

    /** Sends the command and the first {@code upTo} bytes of the data set (all but the last fragment if less than all). */
    void sendStoreRequest(int contextId, String sopClass, String sopInstance, byte[] dataSet, int pdvSize, int upTo)
            throws IOException {
        byte[] cmd = command(0x0001, sopClass, sopInstance, false);
        out.write(pData(contextId, true, true, cmd, 0, cmd.length));
        for (int off = 0; off < upTo; off += pdvSize) {
            int len = Math.min(pdvSize, dataSet.length - off);
            boolean last = off + len >= dataSet.length;
            out.write(pData(contextId, false, last, dataSet, off, len));
        }
        out.flush();
    }

    int responseStatus() throws IOException {
        Pdu pdu = read();
        if (pdu.type() != 4) {
            throw new IOException("expected P-DATA-TF, got PDU type " + pdu.type());
        }
        byte[] b = pdu.body();
        int p = 6; // item length (4), context id, control header
        while (p + 8 <= b.length) {
            int element = (b[p + 2] & 0xFF) | ((b[p + 3] & 0xFF) << 8);
            int len = (b[p + 4] & 0xFF) | ((b[p + 5] & 0xFF) << 8) | ((b[p + 6] & 0xFF) << 16);
            if (element == 0x0900) {
                return (b[p + 8] & 0xFF) | ((b[p + 9] & 0xFF) << 8);
            }
            p += 8 + len;
        }
        throw new IOException("no status in response");
    }

    void release() throws IOException {
        out.write(pdu(5, new byte[4]));
        Pdu rp = read();
        if (rp.type() != 6) {
            throw new EOFException("expected A-RELEASE-RP, got " + rp.type());
        }
    }

    private byte[] command(int field, String sopClass, String sopInstance, boolean noDataSet) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        element(body, 0x0002, uid(sopClass));
        element(body, 0x0100, new byte[] {(byte) field, (byte) (field >>> 8)});
        int id = ++messageId;
        element(body, 0x0110, new byte[] {(byte) id, (byte) (id >>> 8)});
        if (field == 0x0001) {
            element(body, 0x0700, new byte[] {0, 0});
        }
        element(body, 0x0800, noDataSet ? new byte[] {1, 1} : new byte[] {0, 0});
        if (sopInstance != null) {
            element(body, 0x1000, uid(sopInstance));
        }
        byte[] content = body.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int n = content.length;
        element(all, 0x0000, new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
        all.writeBytes(content);
        return all.toByteArray();
    }

    static byte[] pData(int contextId, boolean command, boolean last, byte[] value, int off, int len) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(len + 6);
        int itemLength = len + 2;
        body.write(itemLength >>> 24);
        body.write(itemLength >>> 16);
        body.write(itemLength >>> 8);
        body.write(itemLength);
        body.write(contextId);
        body.write((command ? 1 : 0) | (last ? 2 : 0));
        body.write(value, off, len);
        return pdu(4, body.toByteArray());
    }

    static byte[] pdu(int type, byte[] body) {
        byte[] b = new byte[6 + body.length];
        b[0] = (byte) type;
        int n = body.length;
        b[2] = (byte) (n >>> 24);
        b[3] = (byte) (n >>> 16);
        b[4] = (byte) (n >>> 8);
        b[5] = (byte) n;
        System.arraycopy(body, 0, b, 6, n);
        return b;
    }

    private static void element(ByteArrayOutputStream out, int element, byte[] value) {
        out.write(0);
        out.write(0);
        out.write(element);
        out.write(element >>> 8);
        int n = value.length;
        out.write(n);
        out.write(n >>> 8);
        out.write(n >>> 16);
        out.write(n >>> 24);
        out.writeBytes(value);
    }

    private static byte[] uid(String s) {
        byte[] raw = s.getBytes(StandardCharsets.US_ASCII);
        return raw.length % 2 == 0 ? raw : Arrays.copyOf(raw, raw.length + 1);
    }

    private static byte[] ae(String s) {
        byte[] b = new byte[16];
        Arrays.fill(b, (byte) ' ');
        byte[] raw = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(raw, 0, b, 0, raw.length);
        return b;
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(0);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
