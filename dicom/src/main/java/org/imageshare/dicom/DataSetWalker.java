// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * One pass over a received data set that checks it is structurally sound and picks up the raw
 * values of a few top-level attributes. Checked: every element header is well formed, every defined
 * length fits in what was received, every undefined-length sequence, item and encapsulated Pixel
 * Data is properly delimited, nothing is left over. Other values are skipped, not read: on an
 * uncompressed file only the element headers are touched (skips are seeks in the page cache).
 */
final class DataSetWalker {

    /** Raw values of the wanted top-level attributes, by tag ({@code group << 16 | element}). */
    record RawValues(Map<Integer, byte[]> values, boolean bigEndian) {
    }

    /** Values longer than this are not kept (no indexed attribute is anywhere near). */
    private static final long MAX_KEPT_VALUE = 64 * 1024;

    static final class MalformedDataSetException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedDataSetException(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 32;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final int PIXEL_DATA = 0x7FE00010;

    private final Cursor in;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final Set<Integer> wanted;
    private final Map<Integer, byte[]> values = new HashMap<>();
    /** Top-level tags above this end the walk early (unsigned compare); -1 = walk everything. */
    private int stopAfter = -1;

    private DataSetWalker(Cursor in, boolean explicitVr, boolean bigEndian, Set<Integer> wanted) {
        this.in = in;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.wanted = wanted;
    }

    /**
     * Validates the data set that starts at {@code offset} in the (open, readable) file and returns
     * the raw values of the {@code wanted} top-level tags that are present. Leaves the channel open.
     */
    static RawValues read(FileChannel file, long offset, TransferSyntaxes.Encoding encoding, Set<Integer> wanted)
            throws IOException, MalformedDataSetException {
        return read(file, offset, file.size(), encoding, wanted);
    }

    /** Like {@link #read(FileChannel, long, TransferSyntaxes.Encoding, Set)} for a file whose size is known. */
    static RawValues read(FileChannel file, long offset, long fileSize, TransferSyntaxes.Encoding encoding,
            Set<Integer> wanted) throws IOException, MalformedDataSetException {
        Cursor cursor;
        if (encoding == TransferSyntaxes.Encoding.DEFLATED_EXPLICIT_LITTLE) {
            file.position(offset);
            InputStream raw = Channels.newInputStream(file); // not closed: that would close the channel
            cursor = new Cursor(null, 0, new InflaterInputStream(raw, new Inflater(true), 8192), -1);
        } else {
            cursor = new Cursor(file, offset, null, fileSize - offset);
        }
        DataSetWalker walker = new DataSetWalker(cursor, encoding.explicitVr(), encoding.bigEndian(), wanted);
        try {
            walker.walkTopLevel();
            return new RawValues(walker.values, encoding.bigEndian());
        } catch (EOFException e) {
            throw new MalformedDataSetException("data set ends inside an element");
        } catch (java.util.zip.ZipException e) {
            throw new MalformedDataSetException("deflated data set is corrupt");
        }
    }

    /**
     * Like {@link #read} but stops at the first top-level tag above {@code stopAfter}: for reading a few
     * header values of a file already checked at reception (the rest is not validated).
     */
    static RawValues readHeader(FileChannel file, long offset, TransferSyntaxes.Encoding encoding, Set<Integer> wanted,
            int stopAfter) throws IOException, MalformedDataSetException {
        Cursor cursor;
        if (encoding == TransferSyntaxes.Encoding.DEFLATED_EXPLICIT_LITTLE) {
            file.position(offset);
            cursor = new Cursor(null, 0, new InflaterInputStream(Channels.newInputStream(file), new Inflater(true), 8192), -1);
        } else {
            cursor = new Cursor(file, offset, null, file.size() - offset);
        }
        DataSetWalker walker = new DataSetWalker(cursor, encoding.explicitVr(), encoding.bigEndian(), wanted);
        walker.stopAfter = stopAfter;
        try {
            walker.walkTopLevel();
            return new RawValues(walker.values, encoding.bigEndian());
        } catch (EOFException e) {
            throw new MalformedDataSetException("data set ends inside an element");
        } catch (java.util.zip.ZipException e) {
            throw new MalformedDataSetException("deflated data set is corrupt");
        }
    }

    private void walkTopLevel() throws IOException, MalformedDataSetException {
        int elements = 0;
        while (true) {
            int first = in.readOrEof();
            if (first < 0) {
                break;
            }
            int tag = tagAfterFirstByte(first, bigEndian);
            if (stopAfter != -1 && Integer.compareUnsigned(tag, stopAfter) > 0) {
                return;
            }
            element(tag, false, 0, true);
            elements++;
        }
        if (elements == 0) {
            throw new MalformedDataSetException("empty data set");
        }
    }

    /** Walks the elements of an undefined-length item until its delimiter. */
    private void walkItem(boolean implicit, boolean big, int depth) throws IOException, MalformedDataSetException {
        while (true) {
            int tag = readTag(big);
            if (tag == ITEM_DELIMITER) {
                in.readInt(big);
                return;
            }
            element(tag, implicit, depth, false);
        }
    }

    /** Reads the rest of one element whose tag has been read; forceImplicit inside UN sequences (CP-246). */
    private void element(int tag, boolean forceImplicit, int depth, boolean topLevel)
            throws IOException, MalformedDataSetException {
        boolean explicit = explicitVr && !forceImplicit;
        boolean big = bigEndian && !forceImplicit;
        if ((tag >>> 16) == 0xFFFE) {
            throw new MalformedDataSetException("item or delimiter outside a sequence");
        }
        int vr = NO_VR;
        long length;
        if (explicit) {
            int v1 = in.read();
            int v2 = in.read();
            if (v1 < 'A' || v1 > 'Z' || v2 < 'A' || v2 > 'Z') {
                throw new MalformedDataSetException("invalid VR in explicit VR data set");
            }
            vr = (v1 << 8) | v2;
            if (hasLongLength(vr)) {
                in.skip(2);
                length = in.readInt(big) & 0xFFFFFFFFL;
            } else {
                length = in.readShort(big);
            }
        } else {
            length = in.readInt(big) & 0xFFFFFFFFL;
        }
        if (length != UNDEFINED) {
            if (topLevel && length <= MAX_KEPT_VALUE && wanted.contains(tag)) {
                byte[] value = new byte[(int) length];
                in.readFully(value);
                values.put(tag, value);
            } else {
                in.skip(length);
            }
            return;
        }
        if (depth >= MAX_DEPTH) {
            throw new MalformedDataSetException("sequences nested too deeply");
        }
        if (tag == PIXEL_DATA || vr == OB || vr == OW) {
            fragments(big);
        } else if (vr == NO_VR || vr == SQ || vr == UN) {
            boolean implicitInside = forceImplicit || !explicit || vr == UN;
            sequence(implicitInside, implicitInside ? false : big, depth + 1);
        } else {
            throw new MalformedDataSetException("undefined length on VR " + (char) (vr >>> 8) + (char) (vr & 0xFF));
        }
    }

    private void sequence(boolean implicit, boolean big, int depth) throws IOException, MalformedDataSetException {
        while (true) {
            int tag = readTag(big);
            long length = in.readInt(big) & 0xFFFFFFFFL;
            if (tag == SEQUENCE_DELIMITER) {
                return;
            }
            if (tag != ITEM) {
                throw new MalformedDataSetException("sequence holds something other than items");
            }
            if (length == UNDEFINED) {
                walkItem(implicit, big, depth);
            } else {
                in.skip(length);
            }
        }
    }

    private void fragments(boolean big) throws IOException, MalformedDataSetException {
        while (true) {
            int tag = readTag(big);
            long length = in.readInt(big) & 0xFFFFFFFFL;
            if (tag == SEQUENCE_DELIMITER) {
                return;
            }
            if (tag != ITEM || length == UNDEFINED) {
                throw new MalformedDataSetException("encapsulated pixel data holds a bad item");
            }
            in.skip(length);
        }
    }

    private int readTag(boolean big) throws IOException {
        int group = in.readShort(big);
        int element = in.readShort(big);
        return (group << 16) | element;
    }

    private int tagAfterFirstByte(int first, boolean big) throws IOException {
        int second = in.read();
        int group = big ? (first << 8) | second : (second << 8) | first;
        int element = in.readShort(big);
        return (group << 16) | element;
    }

    /** A VR as its two ASCII letters in one int (no String per element); NO_VR in implicit VR. */
    private static final int NO_VR = 0;
    private static final int OB = ('O' << 8) | 'B';
    private static final int OW = ('O' << 8) | 'W';
    private static final int SQ = ('S' << 8) | 'Q';
    private static final int UN = ('U' << 8) | 'N';

    private static boolean hasLongLength(int vr) {
        return switch (vr) {
            case OB, ('O' << 8) | 'D', ('O' << 8) | 'F', ('O' << 8) | 'L', ('O' << 8) | 'V', OW, SQ, ('S' << 8) | 'V',
                    ('U' << 8) | 'C', UN, ('U' << 8) | 'R', ('U' << 8) | 'T', ('U' << 8) | 'V' -> true;
            default -> false;
        };
    }

    /**
     * A reader over its own small buffer: positional reads from the file (a skip is just a new
     * position), or reads from the inflater for deflated data sets. {@code remaining} counts the
     * bytes left in the file, -1 when unknown (deflated).
     */
    private static final class Cursor {
        private final FileChannel file;
        private final InputStream stream;
        private final byte[] buf = new byte[8192];
        private final ByteBuffer bb = ByteBuffer.wrap(buf);
        private long filePosition;
        private int pos;
        private int lim;
        private long remaining;
        /** The file's size (its end), for positional reads. */
        private final long fileEnd;

        Cursor(FileChannel file, long offset, InputStream stream, long remaining) {
            this.file = file;
            this.filePosition = offset;
            this.stream = stream;
            this.remaining = remaining;
            this.fileEnd = file == null ? -1 : offset + remaining;
        }

        private boolean fill() throws IOException {
            int n;
            if (file != null) {
                long left = fileEnd - filePosition;
                if (left <= 0) {
                    return false; // the end of the file: no read needed to find out
                }
                bb.clear();
                if (left < buf.length) {
                    bb.limit((int) left);
                }
                n = file.read(bb, filePosition);
                if (n > 0) {
                    filePosition += n;
                }
            } else {
                n = stream.read(buf, 0, buf.length);
            }
            if (n <= 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        }

        private void consumed(long n) throws EOFException {
            if (remaining >= 0) {
                if (n > remaining) {
                    throw new EOFException();
                }
                remaining -= n;
            }
        }

        int readOrEof() throws IOException {
            if (pos == lim && !fill()) {
                return -1;
            }
            consumed(1);
            return buf[pos++] & 0xFF;
        }

        int read() throws IOException {
            int b = readOrEof();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }

        int readShort(boolean big) throws IOException {
            int a = read();
            int b = read();
            return big ? (a << 8) | b : (b << 8) | a;
        }

        int readInt(boolean big) throws IOException {
            int a = readShort(big);
            int b = readShort(big);
            return big ? (a << 16) | b : (b << 16) | a;
        }

        void readFully(byte[] b) throws IOException {
            consumed(b.length);
            int off = 0;
            while (off < b.length) {
                if (pos == lim && !fill()) {
                    throw new EOFException();
                }
                int n = Math.min(b.length - off, lim - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                off += n;
            }
        }

        void skip(long n) throws IOException {
            consumed(n);
            long inBuffer = Math.min(n, lim - pos);
            pos += (int) inBuffer;
            long left = n - inBuffer;
            if (left == 0) {
                return;
            }
            if (file != null) {
                filePosition += left; // within the file: checked by consumed()
                return;
            }
            while (left > 0) {
                long s = stream.skip(left);
                if (s <= 0) {
                    if (stream.read() < 0) {
                        throw new EOFException();
                    }
                    s = 1;
                }
                left -= s;
            }
        }
    }
}
