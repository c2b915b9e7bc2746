// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks a DICOM Part 10 file that arrived other than by C-STORE (a STOW-RS part, a file from a
 * CD): preamble and {@code DICM}, a well-formed File Meta Information group naming a standard transfer
 * syntax, a structurally sound data set (the same one-pass check as for C-STORE) whose SOP Class and
 * Instance UID equal the meta header's Media Storage SOP Class/Instance UID. Nothing is changed: the
 * file is stored as it is.
 */
public final class Part10File {

    /** What the file holds, for the application to store and index it. */
    public record Inspected(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, long fileSize,
                            DicomHeader header) {
    }

    /** Media Storage Directory Storage: the SOP class of a DICOMDIR. */
    public static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";

    static final int MEDIA_STORAGE_SOP_CLASS = 0x00020002;
    static final int MEDIA_STORAGE_SOP_INSTANCE = 0x00020003;
    static final int TRANSFER_SYNTAX = 0x00020010;
    private static final int MAX_META_LENGTH = 64 * 1024;

    /** The file meta group: where the data set starts and what the meta header says. */
    record Meta(long dataSetOffset, Map<Integer, String> values) {
        String get(int tag) {
            return values.getOrDefault(tag, "");
        }
    }

    private Part10File() {
    }

    /**
     * @throws InvalidDicomFile with a fixed reason when the file is not a Part 10 file, names an unknown or
     *         private transfer syntax, is structurally broken, or its UIDs disagree with its meta header
     * @throws IOException when the file cannot be read
     */
    public static Inspected inspect(Path file) throws InvalidDicomFile, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Meta meta = readMeta(ch);
            String ts = meta.get(TRANSFER_SYNTAX);
            TransferSyntaxes.Encoding encoding = TransferSyntaxes.encodingOf(ts)
                    .orElseThrow(() -> new InvalidDicomFile("unsupported or missing transfer syntax"));
            DataSetWalker.RawValues raw;
            try {
                raw = DataSetWalker.read(ch, meta.dataSetOffset(), encoding, HeaderParser.WANTED);
            } catch (DataSetWalker.MalformedDataSetException e) {
                throw new InvalidDicomFile("malformed data set: " + e.getMessage(), e);
            }
            HeaderParser.Parsed parsed = HeaderParser.parse(raw);
            String sopClass = meta.get(MEDIA_STORAGE_SOP_CLASS);
            String sopInstance = meta.get(MEDIA_STORAGE_SOP_INSTANCE);
            if (MEDIA_STORAGE_DIRECTORY.equals(sopClass)) {
                throw new InvalidDicomFile("a DICOMDIR (a directory of other files), nothing to store");
            }
            if (sopClass.isEmpty() || sopInstance.isEmpty()) {
                throw new InvalidDicomFile("the file meta header names no SOP class or instance");
            }
            if (!sopClass.equals(parsed.sopClassUid()) || !sopInstance.equals(parsed.sopInstanceUid())) {
                throw new InvalidDicomFile("SOP class or instance UID of the data set differ from the file meta header");
            }
            return new Inspected(sopClass, sopInstance, ts, ch.size(), parsed.header());
        }
    }

    /** Reads preamble, prefix and the (0002,xxxx) group, Explicit VR Little Endian. */
    static Meta readMeta(FileChannel ch) throws IOException, InvalidDicomFile {
        long size = ch.size();
        if (size < 132 + 12) {
            throw new InvalidDicomFile("not a DICOM Part 10 file (too short)");
        }
        ByteBuffer prefix = ByteBuffer.allocate(4);
        ch.read(prefix, 128);
        if (!"DICM".equals(new String(prefix.array(), StandardCharsets.US_ASCII))) {
            throw new InvalidDicomFile("not a DICOM Part 10 file (no DICM prefix)");
        }
        // the meta group is usually a few hundred bytes: read 2 KiB, more only if its group length says so
        ByteBuffer b = window(ch, (int) Math.min(size - 132, 2048));
        if (b.remaining() >= 12 && b.getInt(0) == 0x00000002 && b.get(4) == 'U' && b.get(5) == 'L') {
            long groupEnd = 12 + (b.getInt(8) & 0xFFFFFFFFL);
            if (groupEnd + 8 > b.remaining() && groupEnd <= MAX_META_LENGTH) {
                b = window(ch, (int) Math.min(size - 132, groupEnd + 8));
            }
        } else {
            b = window(ch, (int) Math.min(size - 132, MAX_META_LENGTH)); // no group length: take the most
        }
        Map<Integer, String> values = new HashMap<>();
        Set<Integer> kept = Set.of(MEDIA_STORAGE_SOP_CLASS, MEDIA_STORAGE_SOP_INSTANCE, TRANSFER_SYNTAX);
        long end = -1;
        while (b.remaining() >= 8) {
            int start = b.position();
            int group = b.getShort() & 0xFFFF;
            int element = b.getShort() & 0xFFFF;
            if (group != 0x0002) {
                b.position(start);
                break;
            }
            String vr = "" + (char) b.get() + (char) b.get();
            long length;
            if (vr.equals("OB") || vr.equals("OW") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT")
                    || vr.equals("UC") || vr.equals("UR")) {
                if (b.remaining() < 6) {
                    throw new InvalidDicomFile("file meta header truncated");
                }
                b.getShort();
                length = b.getInt() & 0xFFFFFFFFL;
            } else if (Character.isUpperCase(vr.charAt(0)) && Character.isUpperCase(vr.charAt(1))) {
                length = b.getShort() & 0xFFFF;
            } else {
                throw new InvalidDicomFile("file meta header is not Explicit VR Little Endian");
            }
            if (length > b.remaining()) {
                throw new InvalidDicomFile("file meta header truncated");
            }
            int tag = (group << 16) | element;
            byte[] value = new byte[(int) length];
            b.get(value);
            if (tag == 0x00020000 && length == 4) {
                end = 132 + b.position() + (ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL);
            }
            if (kept.contains(tag)) {
                values.put(tag, new String(value, StandardCharsets.US_ASCII).replace("\0", "").strip());
            }
            if (end > 0 && 132 + b.position() >= end) {
                break;
            }
        }
        long offset = 132 + b.position();
        if (end > 0 && offset != end) {
            throw new InvalidDicomFile("file meta group length is wrong");
        }
        if (values.get(TRANSFER_SYNTAX) == null) {
            throw new InvalidDicomFile("the file meta header names no transfer syntax");
        }
        return new Meta(offset, values);
    }

    private static ByteBuffer window(FileChannel ch, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining() && ch.read(b, 132 + b.position()) > 0) {
            // fill the window
        }
        b.flip();
        return b;
    }

    /** The transfer syntax's data-set encoding, for other readers in this package. */
    static Optional<TransferSyntaxes.Encoding> encoding(Meta meta) {
        return TransferSyntaxes.encodingOf(meta.get(TRANSFER_SYNTAX));
    }
}
