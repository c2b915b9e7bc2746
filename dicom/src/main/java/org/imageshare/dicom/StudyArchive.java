// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A set of stored objects as a ZIP in the IHE PDI layout: {@code DICOMDIR} at the root, the objects under
 * {@code DICOM/STnnnnnn/SEnnnnnn/IMnnnnnn} (8-character upper-case File IDs, one directory per study and
 * series) and a {@code README.TXT} for the recipient. Streamed: the DICOMDIR is built in memory first
 * (from the files' headers), then every file is copied from the store straight into the output.
 *
 * <p>Entries are STORED, not deflated (image data hardly compresses, and copying is fast), so the
 * archive's exact length is known before the first byte is written — {@link #length()} — and can be
 * sent as Content-Length.
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
    private static final int LOCAL_HEADER = 30;
    private static final int CENTRAL_HEADER = 46;
    private static final int END_RECORD = 22;
    private static final long ZIP32_LIMIT = 0xFFFFFFFFL - 1;

    private final byte[] dicomDir;
    private final byte[] readme;
    private final List<String> names = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final long length;
    private final long modified;

    private StudyArchive(byte[] dicomDir, byte[] readme, List<DicomDir.Entry> entries, long modified)
            throws IOException {
        this.dicomDir = dicomDir;
        this.readme = readme;
        this.modified = modified;
        long total = 0;
        total += entryLength(DICOMDIR, dicomDir.length);
        total += entryLength(README, readme.length);
        names.add(DICOMDIR);
        names.add(README);
        for (DicomDir.Entry e : entries) {
            String name = String.join("/", e.fileId());
            names.add(name);
            files.add(e.source());
            total += entryLength(name, Files.size(e.source()));
        }
        this.length = total + END_RECORD;
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
        byte[] dir = DicomDir.write(entries, "IMAGESHARE");
        byte[] readme = readmeText.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return new StudyArchive(dir, readme, entries, modified);
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

    /** The exact number of bytes {@link #writeTo} writes, when known (not for ZIP64-sized archives). */
    public OptionalLong length() {
        return length <= ZIP32_LIMIT && names.size() < 0xFFFF ? OptionalLong.of(length) : OptionalLong.empty();
    }

    /** The number of DICOM objects in it. */
    public int objectCount() {
        return files.size();
    }

    /** The entry names in order (DICOMDIR, README.TXT, then the objects). */
    public List<String> entryNames() {
        return List.copyOf(names);
    }

    /** Writes the archive; does not close {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new NonClosing(out), StandardCharsets.UTF_8);
        zip.setMethod(ZipOutputStream.STORED);
        byte[] buffer = new byte[64 * 1024];
        putBytes(zip, DICOMDIR, dicomDir);
        putBytes(zip, README, readme);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            ZipEntry entry = entry(names.get(i + 2));
            CRC32 crc = new CRC32();
            long size = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    crc.update(buffer, 0, n);
                    size += n;
                }
            }
            entry.setSize(size);
            entry.setCompressedSize(size);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            try (InputStream in = Files.newInputStream(file)) {
                long left = size;
                for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                    zip.write(buffer, 0, n);
                    left -= n;
                }
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    private void putBytes(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = entry(name);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setTime(modified);
        return entry;
    }

    /** Local header + name + data, and the central directory header + name. */
    private static long entryLength(String name, long size) {
        int n = name.getBytes(StandardCharsets.UTF_8).length;
        return LOCAL_HEADER + n + size + CENTRAL_HEADER + n;
    }

    /** Lets ZipOutputStream finish without closing the servlet's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
