// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** The temporary file one data set is streamed into. */
final class IncomingFile {

    private static final System.Logger LOG = System.getLogger(DicomListener.class.getName());

    private final Path path;
    private final String transferSyntaxUid;
    private final TransferSyntaxes.Encoding encoding;
    private final long dataSetOffset;
    private FileChannel channel;
    private long size;
    private boolean writeFailed;

    private IncomingFile(Path path, ContextPolicy.Accepted pc, long dataSetOffset, FileChannel channel) {
        this.path = path;
        this.transferSyntaxUid = pc.transferSyntax();
        this.encoding = pc.encoding();
        this.dataSetOffset = dataSetOffset;
        this.channel = channel;
        this.size = dataSetOffset;
    }

    static IncomingFile open(Path path, ContextPolicy.Accepted pc, CommandSet command, String callingAe) {
        byte[] meta = Part10.header(command.affectedSopClassUid(), command.affectedSopInstanceUid(),
                pc.transferSyntax(), callingAe);
        FileChannel ch = null;
        try {
            ch = DicomListener.createPrivateFile(path);
            writeFully(ch, meta, 0, meta.length);
            return new IncomingFile(path, pc, meta.length, ch);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot create temporary file {0}: {1}", path, e.toString());
            IncomingFile failedFile = new IncomingFile(path, pc, meta.length, ch);
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
                writeFully(channel, b, off, len);
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

    /** True if everything so far was written. */
    boolean written() {
        return !writeFailed && channel != null;
    }

    /** Checks the data set in the still-open file and picks up the header values. */
    DataSetWalker.RawValues inspect() throws IOException, DataSetWalker.MalformedDataSetException {
        return DataSetWalker.read(channel, dataSetOffset, size, encoding, HeaderParser.WANTED);
    }

    /** Closes the file; false if anything could not be written. */
    boolean finish() {
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

    void delete() {
        finish();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete temporary file {0}: {1}", path, e.toString());
        }
    }

    private void fail() {
        finish();
        writeFailed = true;
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

    private static void writeFully(FileChannel ch, byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        try {
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        } catch (IOException e) {
            throw new FileWriteException(e);
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
