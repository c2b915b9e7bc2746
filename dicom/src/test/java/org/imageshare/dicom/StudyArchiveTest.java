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

/** The study ZIP: exact length known in advance, PDI layout, DCMTK reads the DICOMDIR and every file. */
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
    void fileIdComponentsHaveEightCharacters() {
        assertThat(StudyArchive.component("ST", 1)).isEqualTo("ST000001");
        assertThat(StudyArchive.component("IM", 999999)).isEqualTo("IM999999");
        assertThat(Collections.nCopies(1, StudyArchive.component("SE", 12))).containsExactly("SE000012");
    }
}
