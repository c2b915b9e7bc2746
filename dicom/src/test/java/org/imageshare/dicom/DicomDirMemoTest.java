// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomDirMemoTest {

    @TempDir
    Path dir;

    @Test
    void theSameFilesGiveTheRememberedDicomDirWithoutReadingTheirHeadersAgain() throws Exception {
        Path ct = Files.copy(Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm"), dir.resolve("ct"));
        Path mr = Files.copy(Dcmtk.PYDICOM_FILES.resolve("MR_small.dcm"), dir.resolve("mr"));
        List<DicomDir.Entry> entries = List.of(new DicomDir.Entry(ct, List.of("DICOM", "IM000001")),
                new DicomDir.Entry(mr, List.of("DICOM", "IM000002")));
        DicomDirMemo memo = new DicomDirMemo(4, 1 << 20);

        byte[] first = memo.write(entries, "IMAGESHARE");
        // every DICOMDIR written has its own Media Storage SOP Instance UID: the remembered one is this one
        assertThat(memo.write(entries, "IMAGESHARE")).isEqualTo(first);
        FileTime time = Files.getLastModifiedTime(ct);
        byte[] garbage = new byte[(int) Files.size(ct)];
        Files.write(ct, garbage);
        Files.setLastModifiedTime(ct, time);

        assertThat(memo.write(entries, "IMAGESHARE")).as("same size and time: not read again").isEqualTo(first);
        Files.setLastModifiedTime(ct, FileTime.fromMillis(time.toMillis() + 2000));
        assertThatThrownBy(() -> memo.write(entries, "IMAGESHARE")).as("a changed file is read again")
                .isInstanceOf(InvalidDicomFile.class);
        Files.copy(Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm"), ct, StandardCopyOption.REPLACE_EXISTING);
        byte[] other = memo.write(entries.subList(0, 1), "IMAGESHARE");
        assertThat(other.length).as("another file set, another DICOMDIR").isLessThan(first.length);
    }

    @Test
    void itKeepsAtMostItsEntriesAndBytes() throws Exception {
        Path ct = Files.copy(Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm"), dir.resolve("ct"));
        DicomDirMemo memo = new DicomDirMemo(2, 1 << 20);
        for (int i = 1; i <= 3; i++) {
            memo.write(List.of(new DicomDir.Entry(ct, List.of("DICOM", "IM00000" + i))), "IMAGESHARE");
        }
        assertThat(memo.size()).isEqualTo(2);
        DicomDirMemo tiny = new DicomDirMemo(8, 100);
        tiny.write(List.of(new DicomDir.Entry(ct, List.of("DICOM", "IM000001"))), "IMAGESHARE");
        assertThat(tiny.size()).as("a DICOMDIR larger than the bound is not kept").isZero();
    }
}
