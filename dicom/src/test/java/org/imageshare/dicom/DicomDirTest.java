// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DICOMDIR writer: DCMTK reads what it writes, offsets link the records, keys come from the files. */
class DicomDirTest {

    private static final Path CT = Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm");
    private static final Path MR = Dcmtk.PYDICOM_FILES.resolve("MR_small.dcm");
    private static final Path BIG_ENDIAN = Dcmtk.PYDICOM_FILES.resolve("MR_small_bigendian.dcm");
    private static final Path DEFLATED = Dcmtk.PYDICOM_FILES.resolve("image_dfl.dcm");

    @TempDir
    Path dir;

    @Test
    void dcmtkReadsTheDirectoryAndEveryRecordIsLinkedByOffset() throws Exception {
        List<DicomDir.Entry> entries = List.of(
                new DicomDir.Entry(CT, List.of("DICOM", "ST000001", "SE000001", "IM000001")),
                new DicomDir.Entry(MR, List.of("DICOM", "ST000002", "SE000001", "IM000001")),
                new DicomDir.Entry(DEFLATED, List.of("DICOM", "ST000003", "SE000001", "IM000001")));
        Path dicomdir = dir.resolve("DICOMDIR");
        Files.write(dicomdir, DicomDir.write(entries, "IMAGESHARE"));

        Dcmtk.Result dump = Dcmtk.run(List.of("dcmdump", "-E", dicomdir.toString()));
        assertThat(dump.ok()).as(dump.output()).isTrue();
        assertThat(dump.output()).contains("=MediaStorageDirectoryStorage", "DICOM\\ST000002\\SE000001\\IM000001",
                "CompressedSamples^CT1", "[1CT1]").doesNotContain("W: ", "E: ");

        AttributeList list = new AttributeList();
        list.read(dicomdir.toString());
        SequenceAttribute records = (SequenceAttribute) list.get(TagFromName.DirectoryRecordSequence);
        Map<Long, AttributeList> byOffset = new HashMap<>();
        List<AttributeList> inOrder = new ArrayList<>();
        for (Iterator<SequenceItem> it = records.iterator(); it.hasNext(); ) {
            SequenceItem item = it.next();
            byOffset.put(item.getByteOffset(), item.getAttributeList());
            inOrder.add(item.getAttributeList());
        }
        assertThat(inOrder).hasSize(3 * 4);
        long first = ul(list, TagFromName.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity);
        long last = ul(list, TagFromName.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity);
        // walk the tree by offsets only: patients → studies → series → images
        List<String> walked = new ArrayList<>();
        long lastPatient = walk(byOffset, first, walked);
        assertThat(lastPatient).isEqualTo(last);
        assertThat(walked).containsExactly("PATIENT", "STUDY", "SERIES", "IMAGE", "PATIENT", "STUDY", "SERIES", "IMAGE",
                "PATIENT", "STUDY", "SERIES", "IMAGE");
        AttributeList image = inOrder.get(3);
        assertThat(Attribute.getSingleStringValueOrEmptyString(image, TagFromName.ReferencedSOPInstanceUIDInFile))
                .isEqualTo(sopInstanceUid(CT));
        assertThat(Attribute.getSingleStringValueOrEmptyString(image, TagFromName.ReferencedTransferSyntaxUIDInFile))
                .isEqualTo("1.2.840.10008.1.2.1");
        AttributeList study = inOrder.get(1);
        assertThat(Attribute.getSingleStringValueOrEmptyString(study, TagFromName.StudyID)).isEqualTo("1CT1");
        assertThat(Attribute.getSingleStringValueOrEmptyString(study, TagFromName.SpecificCharacterSet))
                .isEqualTo("ISO_IR 100");
    }

    @Test
    void objectsOfOneStudyAndSeriesShareTheirRecordsAndBigEndianFilesAreRead() throws Exception {
        // MR_small and its big-endian copy are the same study, series and instance
        List<DicomDir.Entry> entries = List.of(
                new DicomDir.Entry(MR, List.of("DICOM", "ST000001", "SE000001", "IM000001")),
                new DicomDir.Entry(BIG_ENDIAN, List.of("DICOM", "ST000001", "SE000001", "IM000002")));
        Path dicomdir = dir.resolve("DICOMDIR");
        Files.write(dicomdir, DicomDir.write(entries, "IMAGESHARE"));
        Dcmtk.Result dump = Dcmtk.run(List.of("dcmdump", dicomdir.toString()));
        assertThat(dump.ok()).as(dump.output()).isTrue();
        assertThat(count(dump.output(), "DirectoryRecordType")).isEqualTo(5);
        assertThat(dump.output()).contains("=BigEndianExplicit");
    }

    @Test
    void fileIdsMustBeEightUpperCaseCharactersAtMostEightDeep() {
        assertThat(DicomDir.isValidFileId(List.of("DICOM", "ST000001", "SE_1", "IM000001"))).isTrue();
        assertThat(DicomDir.isValidFileId(List.of("DICOM", "st000001"))).isFalse();
        assertThat(DicomDir.isValidFileId(List.of("DICOM", "ST0000001"))).isFalse();
        assertThat(DicomDir.isValidFileId(List.of("DICOM", "IM1.DCM"))).isFalse();
        assertThat(DicomDir.isValidFileId(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I"))).isFalse();
        assertThatThrownBy(() -> new DicomDir.Entry(CT, List.of("..", "X"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileThatIsNotPart10IsRefused() {
        assertThatThrownBy(() -> DicomDir.write(List.of(new DicomDir.Entry(Dcmtk.PYDICOM_FILES.resolve("no_meta.dcm"),
                List.of("DICOM", "IM1"))), "X")).isInstanceOf(InvalidDicomFile.class);
    }

    private static long walk(Map<Long, AttributeList> byOffset, long offset, List<String> walked) throws Exception {
        long lastSibling = 0;
        for (long at = offset; at != 0; ) {
            AttributeList record = byOffset.get(at);
            assertThat(record).as("a record at offset " + at).isNotNull();
            walked.add(Attribute.getSingleStringValueOrEmptyString(record, TagFromName.DirectoryRecordType));
            long lower = ul(record, TagFromName.OffsetOfReferencedLowerLevelDirectoryEntity);
            if (lower != 0) {
                walk(byOffset, lower, walked);
            }
            lastSibling = at;
            at = ul(record, TagFromName.OffsetOfTheNextDirectoryRecord);
        }
        return lastSibling;
    }

    private static long ul(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleLongValueOrDefault(list, tag, -1);
    }

    private static String sopInstanceUid(Path file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toString(), TagFromName.PixelData);
        return Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
