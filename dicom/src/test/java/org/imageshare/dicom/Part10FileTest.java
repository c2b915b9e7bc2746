// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking Part 10 files that come from outside the network (STOW-RS, CDs). */
class Part10FileTest {

    @TempDir
    Path dir;

    @Test
    void everyTransferSyntaxOfThePydicomFilesIsReadWithItsHeader() throws Exception {
        for (String name : List.of("CT_small.dcm", "MR_small_bigendian.dcm", "image_dfl.dcm", "JPEG2000.dcm",
                "MR_small_RLE.dcm", "SC_rgb_jpeg_dcmd.dcm")) {
            Part10File.Inspected file = Part10File.inspect(Dcmtk.PYDICOM_FILES.resolve(name));
            assertThat(file.sopInstanceUid()).as(name).isNotEmpty();
            assertThat(file.header().studyInstanceUid()).as(name).isNotEmpty();
            assertThat(file.fileSize()).isEqualTo(Files.size(Dcmtk.PYDICOM_FILES.resolve(name)));
        }
        assertThat(Part10File.inspect(Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm")).header().patientName())
                .isEqualTo("CompressedSamples^CT1");
    }

    @Test
    void brokenOrForeignFilesAreRefusedWithAReason() throws Exception {
        assertRefused(Dcmtk.PYDICOM_FILES.resolve("no_meta.dcm"), "no DICM prefix");
        assertRefused(Dcmtk.PYDICOM_FILES.resolve("MR_truncated.dcm"), "malformed data set");
        assertRefused(Dcmtk.PYDICOM_FILES.resolve("meta_missing_tsyntax.dcm"), "transfer syntax");
        // its meta header names another SOP instance than its data set
        assertRefused(Dcmtk.PYDICOM_FILES.resolve("rtplan.dcm"), "differ from the file meta header");
        Path text = Files.writeString(dir.resolve("a.txt"), "hello");
        assertRefused(text, "too short");
        // a DICOMDIR is a directory, not an object to store
        Path dicomdir = dir.resolve("DICOMDIR");
        Files.write(dicomdir, DicomDir.write(List.of(new DicomDir.Entry(Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm"),
                List.of("IM1"))), "X"));
        assertRefused(dicomdir, "DICOMDIR");
    }

    private static void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> Part10File.inspect(file)).isInstanceOf(InvalidDicomFile.class).hasMessageContaining(reason);
    }
}
