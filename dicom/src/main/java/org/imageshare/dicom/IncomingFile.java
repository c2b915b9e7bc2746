// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The temporary file one data set is streamed into. Bytes are gathered in the association's write buffer
 * and written when it is full (and before the file is read back or closed). The buffer is small enough that
 * the file is written while the rest of the object is still arriving — over one association the sender waits
 * for each answer, so what is written after the last byte delays every object — and large enough that small
 * PDV fragments do not each cost a system call. The copy into the (direct) buffer replaces the one the JDK
 * makes for a heap array anyway.
 */
final class IncomingFile {

    private static final System.Logger LOG = System.getLogger(DicomListener.class.getName());

    private final Path path;
    private final String transferSyntaxUid;
    private final TransferSyntaxes.Encoding encoding;
    private final long dataSetOffset;
    private final ByteBuffer buffer;
    private FileChannel channel;
    private long size;
    private boolean writeFailed;

    private IncomingFile(Path path, ContextPolicy.Accepted pc, long dataSetOffset, FileChannel channel,
            ByteBuffer buffer) {
        this.path = path;
        this.transferSyntaxUid = pc.transferSyntax();
        this.encoding = pc.encoding();
        this.dataSetOffset = dataSetOffset;
        this.channel = channel;
        this.size = dataSetOffset;
        this.buffer = buffer;
    }

    /**
     * @param buffer the association's write buffer (emptied here; one file at a time uses it)
     */
    static IncomingFile open(Path path, ContextPolicy.Accepted pc, CommandSet command, String callingAe,
            ByteBuffer buffer) {
        byte[] meta = Part10.header(command.affectedSopClassUid(), command.affectedSopInstanceUid(),
                pc.transferSyntax(), callingAe);
        buffer.clear();
        FileChannel ch = null;
        try {
            ch = DicomListener.createPrivateFile(path);
            IncomingFile file = new IncomingFile(path, pc, meta.length, ch, buffer);
            file.buffered(meta, 0, meta.length);
            return file;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot create temporary file {0}: {1}", path, e.toString());
            IncomingFile failedFile = new IncomingFile(path, pc, meta.length, ch, buffer);
            failedFile.fail();
            return failedFile;
        }
    }

    /** Appends the next {@code n} data-set bytes from the socket; after a write error they are dropped. */
    void append(PduInput in, long n) throws IOException {
        if (writeFailed) {
            in.skip(n);
            return;
        }
        long[] done = {0};
        try {
            in.transferTo((b, off, len) -> {
                buffered(b, off, len);
                done[0] += len;
            }, n);
            size += n;
        } catch (FileWriteException e) {
            LOG.log(Level.WARNING, "Cannot write temporary file {0}: {1}", path, e.getCause().toString());
            fail();
            // the chunk that failed was not consumed from the socket buffer: drop it and the rest
            in.skip(n - done[0]);
        }
    }

    /** Writes out what is buffered; true if everything so far was written (false: e.g. the disk is full). */
    boolean written() {
        if (!writeFailed && channel != null && buffer.position() > 0) {
            try {
                flush();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot write temporary file {0}: {1}", path, e.getCause().toString());
                fail();
            }
        }
        return !writeFailed && channel != null;
    }

    /** Checks the data set in the still-open file and picks up the header values. */
    DataSetWalker.RawValues inspect() throws IOException, DataSetWalker.MalformedDataSetException {
        flush();
        return DataSetWalker.read(channel, dataSetOffset, size, encoding, HeaderParser.WANTED);
    }

    /** Closes the file; false if anything could not be written. */
    boolean finish() {
        if (channel != null && !writeFailed) {
            try {
                flush();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot write temporary file {0}: {1}", path, e.getCause().toString());
                writeFailed = true;
            }
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                writeFailed = true;
            }
            channel = null;
        }
        return !writeFailed;
    }

    /**
     * Deletes what is left of the file; usually nothing, as the handler has moved it into the store. A plain
     * {@code unlink}: {@link Files#deleteIfExists} would look the path up first, and on this JDK a missing file
     * costs it an exception made in native code, per object.
     */
    void delete() {
        if (channel != null) {
            buffer.clear(); // not wanted any more: nothing to write
        }
        finish();
        File file = path.toFile();
        if (!file.delete() && file.exists()) {
            LOG.log(Level.WARNING, "Cannot delete temporary file {0}", path);
        }
    }

    private void fail() {
        writeFailed = true; // first: finish() must not try to write the buffer again
        buffer.clear();
        finish();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete temporary file {0}: {1}", path, e.toString());
        }
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    long dataSetOffset() {
        return dataSetOffset;
    }

    String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    TransferSyntaxes.Encoding encoding() {
        return encoding;
    }

    /** Adds bytes to the write buffer, writing it out whenever it is full. */
    private void buffered(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /** Writes what the buffer holds. */
    private void flush() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new FileWriteException(e);
        } finally {
            buffer.clear();
        }
    }

    /** A write to the temporary file failed (as opposed to a read from the socket). */
    private static final class FileWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        FileWriteException(IOException cause) {
            super(cause);
        }
    }
}
