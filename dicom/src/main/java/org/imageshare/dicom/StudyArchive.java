// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.zip.CRC32;

/**
 * A set of stored objects as a ZIP in the IHE PDI layout: {@code DICOMDIR} at the root, the objects under
 * {@code DICOM/STnnnnnn/SEnnnnnn/IMnnnnnn} (8-character upper-case File IDs, one directory per study and
 * series) and a {@code README.TXT} for the recipient. Streamed: the DICOMDIR is built in memory first
 * (from the files' headers), then every file is copied from the store straight into the output.
 *
 * <p>Every stored file is read once. A STORED entry needs its CRC-32 in the local header, before the data,
 * which would mean reading each file twice (once for the CRC, once to copy); and a STORED entry with the CRC
 * in a data descriptor after the data cannot be read by streaming readers (Java's {@code ZipInputStream}
 * refuses it). So the objects are DEFLATED entries made of deflate "stored" blocks (no compression: image
 * data hardly compresses, and copying is fast) with a data descriptor: CRC and sizes follow the data,
 * computed while copying. Every common reader handles deflate with a data descriptor (Info-ZIP unzip, Java
 * {@code ZipFile}/{@code ZipInputStream}, Python zipfile, Windows Explorer, macOS Archive Utility). The
 * blocks are written here, not by {@link java.util.zip.Deflater}, so their framing — 5 bytes per block of up
 * to 65535 bytes — and with it the archive's exact length are known before the first byte is written —
 * {@link #length()} — and can be sent as Content-Length. DICOMDIR and README.TXT are in memory: STORED with
 * their CRC up front. ZIP64 records are written only where an offset, the central directory or the number of
 * entries needs them; a single object of 4 GiB or more is refused.
 */
public final class StudyArchive {

    /** One stored object, in the order it should appear (grouped by study and series by the caller or not). */
    public record Member(Path file, String studyInstanceUid, String seriesInstanceUid) {
        public Member {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
            Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        }
    }

    static final String DICOMDIR = "DICOMDIR";
    static final String README = "README.TXT";
    /** The largest payload of one deflate stored block. */
    static final int BLOCK = 65535;
    /** What {@link #writeTo} copies through: 16 blocks with their framing (about 1 MiB) per read and write. */
    static final int COPY_BUFFER = 16 * (BLOCK + 5);
    private static final int LOCAL_HEADER = 30;
    private static final int DATA_DESCRIPTOR = 16;
    private static final int CENTRAL_HEADER = 46;
    private static final int ZIP64_OFFSET_EXTRA = 12;
    private static final int ZIP64_END = 56 + 20;
    private static final int END_RECORD = 22;
    /** A 32-bit field holding this value (or more) means "see the ZIP64 record". */
    private static final long ZIP32_LIMIT = 0xFFFFFFFFL;
    private static final int ZIP16_LIMIT = 0xFFFF;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final int DESCRIPTOR_FLAG = 0x0008;

    /** One entry: in memory ({@code content}) or a stored file of known size. */
    private static final class Entry {
        final byte[] name;
        final byte[] content;
        final Path file;
        final long size;
        final long offset;
        long crc;

        Entry(String name, byte[] content, Path file, long size, long offset) {
            this.name = name.getBytes(StandardCharsets.UTF_8);
            this.content = content;
            this.file = file;
            this.size = size;
            this.offset = offset;
        }

        boolean deflated() {
            return file != null;
        }

        long compressedSize() {
            return deflated() ? deflatedLength(size) : size;
        }

        /** Local header, name, data and (deflated) the data descriptor. */
        long localLength() {
            return LOCAL_HEADER + name.length + compressedSize() + (deflated() ? DATA_DESCRIPTOR : 0);
        }

        boolean zip64Offset(long limit) {
            return offset >= limit;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final int objects;
    private final long centralOffset;
    private final long centralSize;
    private final boolean zip64;
    private final long length;
    private final int dosTime;
    private final int dosDate;
    private final long zip64Limit;

    private StudyArchive(byte[] dicomDir, byte[] readme, List<DicomDir.Entry> objectEntries, long modified,
            long zip64Limit) throws IOException {
        this.zip64Limit = zip64Limit;
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(modified), ZoneId.systemDefault());
        if (time.getYear() < 1980) {
            time = LocalDateTime.of(1980, 1, 1, 0, 0);
        } else if (time.getYear() > 2107) {
            time = LocalDateTime.of(2107, 12, 31, 23, 59, 58);
        }
        this.dosTime = time.getHour() << 11 | time.getMinute() << 5 | time.getSecond() / 2;
        this.dosDate = (time.getYear() - 1980) << 9 | time.getMonthValue() << 5 | time.getDayOfMonth();
        long offset = 0;
        offset = add(new Entry(DICOMDIR, dicomDir, null, dicomDir.length, offset));
        offset = add(new Entry(README, readme, null, readme.length, offset));
        for (DicomDir.Entry e : objectEntries) {
            long size = Files.size(e.source());
            if (deflatedLength(size) >= ZIP32_LIMIT) {
                throw new IOException("an object of " + size + " bytes is too large for the study ZIP");
            }
            offset = add(new Entry(String.join("/", e.fileId()), null, e.source(), size, offset));
        }
        this.objects = objectEntries.size();
        this.centralOffset = offset;
        long central = 0;
        for (Entry e : entries) {
            central += CENTRAL_HEADER + e.name.length + (e.zip64Offset(zip64Limit) ? ZIP64_OFFSET_EXTRA : 0);
        }
        this.centralSize = central;
        this.zip64 = entries.size() >= ZIP16_LIMIT || centralOffset >= zip64Limit || centralSize >= zip64Limit;
        this.length = centralOffset + centralSize + (zip64 ? ZIP64_END : 0) + END_RECORD;
    }

    private long add(Entry e) {
        entries.add(e);
        return e.offset + e.localLength();
    }

    /** Bytes of {@code size} bytes as deflate stored blocks: 5 bytes of framing per block, at least one block. */
    static long deflatedLength(long size) {
        long blocks = Math.max(1, (size + BLOCK - 1) / BLOCK);
        return size + 5 * blocks;
    }

    /**
     * Reads the members' headers and builds the DICOMDIR.
     *
     * @param readmeText the README.TXT for the recipient (written as UTF-8 with CRLF line ends)
     * @param modified   the time stamp of every entry (epoch milliseconds, between 1980 and 2107)
     * @throws InvalidDicomFile when a member is not a readable Part 10 file
     */
    public static StudyArchive of(List<Member> members, String readmeText, long modified)
            throws IOException, InvalidDicomFile {
        return of(members, readmeText, modified, null, ZIP32_LIMIT);
    }

    /** As {@link #of(List, String, long)}, the DICOMDIR from {@code memo} when these files were archived lately. */
    public static StudyArchive of(List<Member> members, String readmeText, long modified, DicomDirMemo memo)
            throws IOException, InvalidDicomFile {
        return of(members, readmeText, modified, memo, ZIP32_LIMIT);
    }

    /** As {@link #of(List, String, long)}; ZIP64 records from {@code zip64Limit} on (lower only in tests). */
    static StudyArchive of(List<Member> members, String readmeText, long modified, long zip64Limit)
            throws IOException, InvalidDicomFile {
        return of(members, readmeText, modified, null, zip64Limit);
    }

    private static StudyArchive of(List<Member> members, String readmeText, long modified, DicomDirMemo memo,
            long zip64Limit) throws IOException, InvalidDicomFile {
        Map<String, Integer> studyNumbers = new LinkedHashMap<>();
        Map<String, Integer> seriesNumbers = new LinkedHashMap<>();
        Map<String, Integer> instanceCounts = new LinkedHashMap<>();
        Map<String, Integer> seriesPerStudy = new LinkedHashMap<>();
        List<DicomDir.Entry> entries = new ArrayList<>();
        for (Member m : members) {
            int study = studyNumbers.computeIfAbsent(m.studyInstanceUid(), k -> studyNumbers.size() + 1);
            int series = seriesNumbers.computeIfAbsent(m.studyInstanceUid() + "/" + m.seriesInstanceUid(),
                    k -> seriesPerStudy.merge(m.studyInstanceUid(), 1, Integer::sum));
            int instance = instanceCounts.merge(m.studyInstanceUid() + "/" + m.seriesInstanceUid(), 1, Integer::sum);
            entries.add(new DicomDir.Entry(m.file(), List.of("DICOM", component("ST", study),
                    component("SE", series), component("IM", instance))));
        }
        byte[] dir = memo == null ? DicomDir.write(entries, "IMAGESHARE") : memo.write(entries, "IMAGESHARE");
        byte[] readme = readmeText.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return new StudyArchive(dir, readme, entries, modified, zip64Limit);
    }

    /** {@code ST000001}: a prefix and a number filling 8 characters. */
    static String component(String prefix, int n) {
        String digits = Integer.toString(n);
        int width = 8 - prefix.length();
        if (digits.length() > width) {
            throw new IllegalArgumentException("too many entries for an 8-character File ID");
        }
        return prefix + "0".repeat(width - digits.length()) + digits;
    }

    /** The exact number of bytes {@link #writeTo} writes. */
    public OptionalLong length() {
        return OptionalLong.of(length);
    }

    /** The number of DICOM objects in it. */
    public int objectCount() {
        return objects;
    }

    /** The entry names in order (DICOMDIR, README.TXT, then the objects). */
    public List<String> entryNames() {
        return entries.stream().map(e -> new String(e.name, StandardCharsets.UTF_8)).toList();
    }

    /**
     * Writes the archive, reading every stored file once; does not close {@code out}.
     *
     * @throws IOException also when a stored file's size changed since {@link #of} (the announced length would
     *                     be wrong)
     */
    public void writeTo(OutputStream out) throws IOException {
        Output zip = new Output(out);
        byte[] buffer = new byte[COPY_BUFFER];
        for (Entry e : entries) {
            if (zip.written != e.offset) {
                throw new IOException("study ZIP out of step at " + new String(e.name, StandardCharsets.UTF_8));
            }
            if (e.deflated()) {
                localHeader(zip, e, DEFLATED, DESCRIPTOR_FLAG, 0, 0);
                e.crc = copyAsStoredBlocks(e.file, e.size, zip, buffer);
                zip.le32(0x08074b50L);
                zip.le32(e.crc);
                zip.le32(e.compressedSize());
                zip.le32(e.size);
            } else {
                CRC32 crc = new CRC32();
                crc.update(e.content);
                e.crc = crc.getValue();
                localHeader(zip, e, STORED, 0, e.crc, e.size);
                zip.write(e.content, 0, e.content.length);
            }
        }
        for (Entry e : entries) {
            boolean offset64 = e.zip64Offset(zip64Limit);
            zip.le32(0x02014b50L);
            zip.le16(offset64 ? 45 : 20); // version made by: MS-DOS attributes, spec 2.0 (4.5 with ZIP64)
            zip.le16(offset64 ? 45 : e.deflated() ? 20 : 10);
            zip.le16(e.deflated() ? DESCRIPTOR_FLAG : 0);
            zip.le16(e.deflated() ? DEFLATED : STORED);
            zip.le16(dosTime);
            zip.le16(dosDate);
            zip.le32(e.crc);
            zip.le32(e.compressedSize());
            zip.le32(e.size);
            zip.le16(e.name.length);
            zip.le16(offset64 ? ZIP64_OFFSET_EXTRA : 0);
            zip.le16(0); // comment
            zip.le16(0); // disk
            zip.le16(0); // internal attributes
            zip.le32(0); // external attributes
            zip.le32(offset64 ? ZIP32_LIMIT : e.offset);
            zip.write(e.name, 0, e.name.length);
            if (offset64) {
                zip.le16(0x0001);
                zip.le16(8);
                zip.le64(e.offset);
            }
        }
        if (zip64) {
            long end64 = zip.written;
            zip.le32(0x06064b50L);
            zip.le64(44);
            zip.le16(45);
            zip.le16(45);
            zip.le32(0);
            zip.le32(0);
            zip.le64(entries.size());
            zip.le64(entries.size());
            zip.le64(centralSize);
            zip.le64(centralOffset);
            zip.le32(0x07064b50L);
            zip.le32(0);
            zip.le64(end64);
            zip.le32(1);
        }
        zip.le32(0x06054b50L);
        zip.le16(0);
        zip.le16(0);
        int count = entries.size() >= ZIP16_LIMIT ? ZIP16_LIMIT : entries.size();
        zip.le16(count);
        zip.le16(count);
        zip.le32(centralSize >= zip64Limit ? ZIP32_LIMIT : centralSize);
        zip.le32(centralOffset >= zip64Limit ? ZIP32_LIMIT : centralOffset);
        zip.le16(0); // comment
        zip.flush();
        if (zip.written != length) {
            throw new IOException("study ZIP of " + zip.written + " bytes, announced " + length);
        }
    }

    private void localHeader(Output zip, Entry e, int method, int flags, long crc, long size) throws IOException {
        zip.le32(0x04034b50L);
        zip.le16(method == DEFLATED ? 20 : 10);
        zip.le16(flags);
        zip.le16(method);
        zip.le16(dosTime);
        zip.le16(dosDate);
        zip.le32(crc);
        zip.le32(size); // compressed = uncompressed for STORED; 0 (in the data descriptor) for DEFLATED
        zip.le32(size);
        zip.le16(e.name.length);
        zip.le16(0);
        zip.write(e.name, 0, e.name.length);
    }

    /**
     * Copies the file's {@code size} bytes as a deflate stream of stored blocks (RFC 1951 3.2.4: a header byte
     * with BFINAL on the last block and BTYPE 00, LEN, NLEN, the bytes); returns their CRC-32. The blocks are
     * laid out in {@code buffer} — framing, then the file's bytes read straight behind it — as many as fit
     * ({@link #COPY_BUFFER}: 16), and handed on in one write, so a 0.5 MB object is one read and one write.
     */
    static long copyAsStoredBlocks(Path file, long size, OutputStream out, byte[] buffer) throws IOException {
        int perFill = buffer.length / (BLOCK + 5);
        if (perFill < 1) {
            throw new IllegalArgumentException("a copy buffer holds at least one block");
        }
        CRC32 crc = new CRC32();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long left = size;
            do {
                int used = 0;
                for (int b = 0; b < perFill; b++) {
                    int n = (int) Math.min(BLOCK, left);
                    left -= n;
                    buffer[used] = (byte) (left == 0 ? 1 : 0);
                    buffer[used + 1] = (byte) n;
                    buffer[used + 2] = (byte) (n >>> 8);
                    buffer[used + 3] = (byte) ~n;
                    buffer[used + 4] = (byte) (~n >>> 8);
                    readFully(in, buffer, used + 5, n);
                    crc.update(buffer, used + 5, n);
                    used += 5 + n;
                    if (left == 0) {
                        break;
                    }
                }
                out.write(buffer, 0, used);
            } while (left > 0);
            if (in.read(ByteBuffer.allocate(1)) > 0) {
                throw new IOException("stored file longer than when the study ZIP was prepared");
            }
        }
        return crc.getValue();
    }

    private static void readFully(FileChannel in, byte[] buffer, int offset, int length) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        while (target.hasRemaining()) {
            if (in.read(target) < 0) {
                throw new IOException("stored file shorter than when the study ZIP was prepared");
            }
        }
    }

    /** Counts what it writes; small writes go through a buffer, large ones straight to the servlet's stream. */
    private static final class Output extends OutputStream {
        private final OutputStream out;
        private final byte[] small = new byte[8192];
        private int used;
        long written;

        Output(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == small.length) {
                drain();
            }
            small[used++] = (byte) b;
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len >= small.length) {
                drain();
                out.write(b, off, len);
            } else {
                if (used + len > small.length) {
                    drain();
                }
                System.arraycopy(b, off, small, used, len);
                used += len;
            }
            written += len;
        }

        void le16(int v) throws IOException {
            write(v & 0xFF);
            write((v >>> 8) & 0xFF);
        }

        void le32(long v) throws IOException {
            le16((int) (v & 0xFFFF));
            le16((int) ((v >>> 16) & 0xFFFF));
        }

        void le64(long v) throws IOException {
            le32(v & 0xFFFFFFFFL);
            le32(v >>> 32);
        }

        private void drain() throws IOException {
            if (used > 0) {
                out.write(small, 0, used);
                used = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }
    }
}
