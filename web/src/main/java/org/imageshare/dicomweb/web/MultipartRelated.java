// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicomweb.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code multipart/related} body (RFC 2387 / RFC 2046) part by part, streaming each part's content
 * to a caller's stream — nothing is held in memory beyond one buffer. Also the helpers to write one.
 */
final class MultipartRelated {

    /** Thrown for a body that is not well-formed multipart. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /** A part's content exceeded the size limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("part too large");
        }
    }

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int end;
    private boolean finished;

    MultipartRelated(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[64 * 1024 + delimiter.length];
        // the first delimiter may come without the CRLF in front: pretend one was there
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /** The boundary parameter of a Content-Type, if any. */
    static Optional<String> parameter(String contentType, String name) {
        if (contentType == null) {
            return Optional.empty();
        }
        for (String p : contentType.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Skips the preamble; false if the body has no part at all. */
    boolean start() throws IOException {
        copyUntilDelimiter(OutputStream.nullOutputStream(), Long.MAX_VALUE);
        return afterDelimiter();
    }

    /**
     * Reads the next part's headers (names in lower case); call only after {@link #start()} or a
     * {@link #copyBody} that returned true.
     */
    Map<String, String> headers() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = read();
            if (++total > MAX_HEADER_BYTES) {
                throw new Malformed("part headers too long");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                line.reset();
                if (text.isEmpty()) {
                    return headers;
                }
                int colon = text.indexOf(':');
                if (colon > 0) {
                    headers.put(text.substring(0, colon).strip().toLowerCase(Locale.ROOT), text.substring(colon + 1).strip());
                }
            } else {
                line.write(b);
            }
        }
    }

    /**
     * Copies the current part's content to {@code out}.
     *
     * @return true if another part follows, false after the closing delimiter
     * @throws TooLarge after more than {@code maxBytes}
     */
    boolean copyBody(OutputStream out, long maxBytes) throws IOException {
        copyUntilDelimiter(out, maxBytes);
        return afterDelimiter();
    }

    /** Reads up to and including the next delimiter, writing what came before it. */
    private void copyUntilDelimiter(OutputStream out, long maxBytes) throws IOException {
        long written = 0;
        while (true) {
            int at = indexOf(buf, pos, end, delimiter);
            if (at >= 0) {
                written += at - pos;
                if (written > maxBytes) {
                    throw new TooLarge();
                }
                out.write(buf, pos, at - pos);
                pos = at + delimiter.length;
                return;
            }
            int safe = end - pos - (delimiter.length - 1);
            if (safe > 0) {
                written += safe;
                if (written > maxBytes) {
                    throw new TooLarge();
                }
                out.write(buf, pos, safe);
                pos += safe;
            }
            if (fill() < 0) {
                throw new Malformed("body ends before the closing boundary");
            }
        }
    }

    /** After a delimiter: "--" ends the body; else optional whitespace and CRLF start the next part. */
    private boolean afterDelimiter() throws IOException {
        int a = read();
        if (a == '-') {
            if (read() != '-') {
                throw new Malformed("bad closing boundary");
            }
            finished = true;
            return false;
        }
        while (a == ' ' || a == '\t') {
            a = read();
        }
        if (a == '\r') {
            a = read();
        }
        if (a != '\n') {
            throw new Malformed("bad boundary line");
        }
        return true;
    }

    boolean finished() {
        return finished;
    }

    private int read() throws IOException {
        if (pos == end && fill() < 0) {
            throw new EOFException("unexpected end of body");
        }
        return buf[pos++] & 0xFF;
    }

    /** Moves the unread bytes to the front and reads more behind them; -1 at the end of the body. */
    private int fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    static int indexOf(byte[] data, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A fresh boundary for a response. */
    static String newBoundary() {
        return "imageshare-" + java.util.UUID.randomUUID();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean sameBytes(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
