// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A read buffer over the association's socket that hands data-set bytes to the file straight from
 * its own array: one copy from the kernel into {@code buf}, one copy from {@code buf} to the file,
 * nothing in between. Not thread-safe (one association, one thread).
 */
final class PduInput {

    /** Receives bytes passed through by {@link #transferTo}. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    PduInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Reads more from the socket; returns false at end of stream. */
    private boolean fill() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
        if (limit == buf.length) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private void require(int n) throws IOException {
        while (limit - pos < n) {
            if (buf.length - pos < n) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (!fill()) {
                throw new EOFException("connection closed inside a PDU");
            }
        }
    }

    /**
     * Reads the first byte of the next PDU, or returns -1 if the peer closed the connection cleanly
     * between PDUs.
     */
    int readPduTypeOrEof() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    int readUnsignedByte() throws IOException {
        require(1);
        return buf[pos++] & 0xFF;
    }

    int readUnsignedShort() throws IOException {
        require(2);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long readUnsignedInt() throws IOException {
        require(4);
        long v = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
                | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == limit && !fill()) {
                throw new EOFException("connection closed inside a PDU");
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    void skip(long n) throws IOException {
        transferTo(null, n);
    }

    /** Passes the next {@code n} bytes to {@code sink} (or drops them if it is null). */
    void transferTo(Sink sink, long n) throws IOException {
        while (n > 0) {
            if (pos == limit && !fill()) {
                throw new EOFException("connection closed inside a PDU");
            }
            int chunk = (int) Math.min(n, limit - pos);
            if (sink != null) {
                sink.write(buf, pos, chunk);
            }
            pos += chunk;
            n -= chunk;
        }
    }
}
