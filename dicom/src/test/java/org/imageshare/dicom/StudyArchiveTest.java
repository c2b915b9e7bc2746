// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study ZIP: exact length known in advance, PDI layout, DCMTK reads the DICOMDIR and every file; every file
 * is read once (deflate stored blocks with a data descriptor), and Java's ZipFile and ZipInputStream, Info-ZIP
 * {@code unzip -t} and Python's zipfile accept the archive, also with ZIP64 records.
 */
class StudyArchiveTest {

    @TempDir
    Path dir;

    @Test
    void theArchiveIsAsLongAsAnnouncedAndDcmtkReadsEveryReferencedFile() throws Exception {
        List<StudyArchive.Member> members = new ArrayList<>();
        for (String name : List.of("CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm", "MR_small_RLE.dcm", "rtdose.dcm")) {
            Path f = Dcmtk.PYDICOM_FILES.resolve(name);
            // one study with two series (by file name) to get more than one series directory
            members.add(new StudyArchive.Member(f, "1.2.3", name.startsWith("MR") ? "1.2.3.2" : "1.2.3.1"));
        }
        StudyArchive archive = StudyArchive.of(members, "Images from ImageShare.\nSee DICOMDIR.\n",
                System.currentTimeMillis());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archive.writeTo(out);
        byte[] zip = out.toByteArray();
        assertThat(archive.length()).hasValue(zip.length);
        assertThat(archive.objectCount()).isEqualTo(5);

        Path unpacked = Files.createDirectories(dir.resolve("cd"));
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                Path target = unpacked.resolve(e.getName());
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
        assertThat(names.subList(0, 2)).containsExactly("DICOMDIR", "README.TXT");
        assertThat(names.subList(2, names.size())).allMatch(n -> n.matches("DICOM/ST\\d{6}/SE\\d{6}/IM\\d{6}"))
                .containsExactly("DICOM/ST000001/SE000001/IM000001", "DICOM/ST000001/SE000002/IM000001",
                        "DICOM/ST000001/SE000001/IM000002", "DICOM/ST000001/SE000002/IM000002",
                        "DICOM/ST000001/SE000001/IM000003");
        assertThat(Files.readString(unpacked.resolve("README.TXT"), StandardCharsets.UTF_8)).contains("\r\n");
        assertThat(Files.mismatch(unpacked.resolve("DICOM/ST000001/SE000002/IM000001"),
                Dcmtk.PYDICOM_FILES.resolve("MR_small.dcm"))).isEqualTo(-1);

        Dcmtk.Result dump = Dcmtk.run(List.of("dcmdump", unpacked.resolve("DICOMDIR").toString()));
        assertThat(dump.ok()).as(dump.output()).isTrue();
        Matcher ids = Pattern.compile("\\(0004,1500\\) CS \\[([^\\]]+)\\]").matcher(dump.output());
        List<String> referenced = new ArrayList<>();
        while (ids.find()) {
            referenced.add(ids.group(1).replace('\\', '/'));
        }
        assertThat(referenced).hasSize(5).containsExactlyInAnyOrderElementsOf(names.subList(2, names.size()));
        List<String> ftest = new ArrayList<>(List.of("dcmftest"));
        referenced.forEach(r -> ftest.add(unpacked.resolve(r).toString()));
        Dcmtk.Result part10 = Dcmtk.run(ftest);
        assertThat(part10.ok()).as(part10.output()).isTrue();
        assertThat(part10.output()).doesNotContain("no:");
        for (String r : referenced) {
            assertThat(Dcmtk.run(List.of("dcmdump", "-q", unpacked.resolve(r).toString())).ok()).as(r).isTrue();
        }
    }

    @Test
    void storedBlocksInflateToTheFileWithTheAnnouncedLengthAndCrc() throws Exception {
        java.util.Random random = new java.util.Random(7);
        // one block per fill, two (the last fill partly used), and the archive's own buffer
        for (byte[] buffer : List.of(new byte[StudyArchive.BLOCK + 5], new byte[2 * (StudyArchive.BLOCK + 5) + 3],
                new byte[StudyArchive.COPY_BUFFER])) {
        for (int size : new int[] {0, 1, 65534, 65535, 65536, 2 * 65535, 3 * 65535 + 1, 200_000, 2_000_000}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            Path file = Files.write(dir.resolve("f" + size), content);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long crc = StudyArchive.copyAsStoredBlocks(file, size, out, buffer);
            byte[] deflated = out.toByteArray();
            assertThat((long) deflated.length).as("size " + size).isEqualTo(StudyArchive.deflatedLength(size));
            java.util.zip.CRC32 expected = new java.util.zip.CRC32();
            expected.update(content);
            assertThat(crc).isEqualTo(expected.getValue());
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            inflater.setInput(deflated);
            byte[] inflated = new byte[size + 1];
            int n = 0;
            while (!inflater.finished() && n <= size) {
                int got = inflater.inflate(inflated, n, inflated.length - n);
                assertThat(got > 0 || inflater.finished()).as("inflating " + size + " bytes").isTrue();
                n += got;
            }
            assertThat(inflater.finished()).isTrue();
            assertThat(inflater.getRemaining()).isZero();
            assertThat(java.util.Arrays.copyOf(inflated, n)).isEqualTo(content);
            inflater.end();
            Files.write(file, new byte[size + 1]);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> StudyArchive.copyAsStoredBlocks(file,
                    size, new ByteArrayOutputStream(), buffer))).as("the file grew").isInstanceOf(java.io.IOException.class);
            if (size > 0) {
                Files.write(file, new byte[size - 1]);
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> StudyArchive.copyAsStoredBlocks(file,
                        size, new ByteArrayOutputStream(), buffer))).as("the file shrank")
                        .isInstanceOf(java.io.IOException.class);
            }
        }
        }
    }

    @Test
    void commonReadersAcceptTheArchiveWithAndWithoutZip64Records() throws Exception {
        List<StudyArchive.Member> members = new ArrayList<>();
        for (String name : List.of("CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm", "SC_rgb_jpeg_dcmd.dcm")) {
            members.add(new StudyArchive.Member(Dcmtk.PYDICOM_FILES.resolve(name), "1.2.3", "1.2.3.1"));
        }
        // 2000 bytes: every object's offset and the central directory need ZIP64 records
        for (long limit : new long[] {0xFFFFFFFFL, 2000}) {
            StudyArchive archive = StudyArchive.of(members, "README\n", System.currentTimeMillis(), limit);
            Path zip = dir.resolve("study-" + limit + ".zip");
            try (var out = Files.newOutputStream(zip)) {
                archive.writeTo(out);
            }
            assertThat(archive.length()).hasValue(Files.size(zip));
            try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
                List<? extends ZipEntry> entries = Collections.list(file.entries());
                assertThat(entries).extracting(ZipEntry::getName).containsExactlyElementsOf(archive.entryNames());
                for (int i = 0; i < members.size(); i++) {
                    ZipEntry e = entries.get(i + 2);
                    assertThat(e.getMethod()).isEqualTo(ZipEntry.DEFLATED);
                    try (InputStream in = file.getInputStream(e)) {
                        assertThat(in.readAllBytes()).as(e.getName())
                                .isEqualTo(Files.readAllBytes(members.get(i).file()));
                    }
                }
                assertThat(entries.get(0).getMethod()).isEqualTo(ZipEntry.STORED);
            }
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                int n = 0;
                for (ZipEntry e; (e = in.getNextEntry()) != null; n++) {
                    in.readAllBytes();
                }
                assertThat(n).isEqualTo(members.size() + 2);
            }
            Dcmtk.Result unzip = Dcmtk.run(List.of("unzip", "-t", zip.toString()));
            assertThat(unzip.ok()).as(unzip.output()).isTrue();
            assertThat(unzip.output()).contains("No errors detected");
            Dcmtk.Result python = Dcmtk.run(List.of("python3", "-c", "import sys, zipfile\n"
                    + "z = zipfile.ZipFile(sys.argv[1])\n"
                    + "assert z.testzip() is None\n"
                    + "print(len(z.infolist()), [i.compress_type for i in z.infolist()])", zip.toString()));
            assertThat(python.ok()).as(python.output()).isTrue();
            assertThat(python.output().strip()).isEqualTo((members.size() + 2) + " [0, 0, 8, 8, 8, 8]");
        }
    }

    @Test
    void fileIdComponentsHaveEightCharacters() {
        assertThat(StudyArchive.component("ST", 1)).isEqualTo("ST000001");
        assertThat(StudyArchive.component("IM", 999999)).isEqualTo("IM999999");
        assertThat(Collections.nCopies(1, StudyArchive.component("SE", 12))).containsExactly("SE000012");
    }
}
