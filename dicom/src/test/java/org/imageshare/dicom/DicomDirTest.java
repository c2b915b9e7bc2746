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

    @Test
    void nonImageObjectsGetTheRecordTypeOfTheirSopClassWithItsKeysAsDcmmkdirWritesThem() throws Exception {
        Path d = Files.createDirectories(dir.resolve("D"));
        Files.copy(CT, d.resolve("CT"));
        Files.copy(Dcmtk.PYDICOM_FILES.resolve("test-SR.dcm"), d.resolve("SR"));
        Files.copy(Dcmtk.PYDICOM_FILES.resolve("reportsi.dcm"), d.resolve("SRTEXT"));
        Files.copy(Dcmtk.PYDICOM_FILES.resolve("waveform_ecg.dcm"), d.resolve("ECG"));
        Files.copy(Dcmtk.PYDICOM_FILES.resolve("rtplan.dcm"), d.resolve("RTPLAN"));
        Files.copy(Dcmtk.PYDICOM_FILES.resolve("rtdose_1frame.dcm"), d.resolve("RTDOSE"));
        ok(Dcmtk.run(List.of("dcmconv", Dcmtk.PYDICOM_FILES.resolve("rtstruct.dcm").toString(),
                d.resolve("RTSTRUCT").toString())));
        // the same SR in Implicit VR: its Concept Name Code Sequence must come out as Explicit VR
        ok(Dcmtk.run(List.of("dcmconv", "+ti", d.resolve("SR").toString(), d.resolve("SRIMPL").toString())));
        Files.copy(d.resolve("SR"), d.resolve("KO"));
        ok(Dcmtk.run(List.of("dcmodify", "-nb", "-gin", "-m", "(0008,0016)=1.2.840.10008.5.1.4.1.1.88.59",
                d.resolve("KO").toString())));
        ok(Dcmtk.run(List.of("dcmpsmk", d.resolve("CT").toString(), d.resolve("PR").toString())));
        Path pdf = dir.resolve("report.pdf");
        Files.writeString(pdf, "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
        ok(Dcmtk.run(List.of("pdf2dcm", "--title", "Discharge letter", pdf.toString(), d.resolve("PDF").toString())));

        List<String> names = List.of("CT", "SR", "SRTEXT", "SRIMPL", "KO", "PR", "PDF", "ECG", "RTPLAN", "RTDOSE",
                "RTSTRUCT");
        List<DicomDir.Entry> entries = names.stream().map(n -> new DicomDir.Entry(d.resolve(n), List.of("D", n))).toList();
        Path dicomdir = dir.resolve("DICOMDIR");
        Files.write(dicomdir, DicomDir.write(entries, "IMAGESHARE"));
        Dcmtk.Result dump = Dcmtk.run(List.of("dcmdump", "-E", dicomdir.toString()));
        assertThat(dump.ok()).as(dump.output()).isTrue();
        assertThat(dump.output()).doesNotContain("W: ", "E: ");

        Map<String, AttributeList> ours = recordsByFile(dicomdir);
        assertThat(type(ours, "CT")).isEqualTo("IMAGE");
        assertThat(type(ours, "SR")).isEqualTo("SR DOCUMENT");
        assertThat(type(ours, "SRTEXT")).isEqualTo("SR DOCUMENT");
        assertThat(type(ours, "SRIMPL")).isEqualTo("SR DOCUMENT");
        assertThat(type(ours, "KO")).isEqualTo("KEY OBJECT DOC");
        assertThat(type(ours, "PR")).isEqualTo("PRESENTATION");
        assertThat(type(ours, "PDF")).isEqualTo("ENCAP DOC");
        assertThat(type(ours, "ECG")).isEqualTo("WAVEFORM");
        assertThat(type(ours, "RTPLAN")).isEqualTo("RT PLAN");
        assertThat(type(ours, "RTDOSE")).isEqualTo("RT DOSE");
        assertThat(type(ours, "RTSTRUCT")).isEqualTo("RT STRUCTURE SET");
        assertThat(value(ours, "PDF", TagFromName.MIMETypeOfEncapsulatedDocument)).isEqualTo("application/pdf");
        assertThat(value(ours, "PDF", TagFromName.DocumentTitle)).isEqualTo("Discharge letter");
        assertThat(value(ours, "RTPLAN", TagFromName.RTPlanLabel)).isNotEmpty()
                .isEqualTo(value(Dcmtk.PYDICOM_FILES.resolve("rtplan.dcm"), TagFromName.RTPlanLabel));
        assertThat(value(ours, "RTDOSE", TagFromName.DoseSummationType)).isNotEmpty()
                .isEqualTo(value(Dcmtk.PYDICOM_FILES.resolve("rtdose_1frame.dcm"), TagFromName.DoseSummationType));
        assertThat(value(ours, "RTSTRUCT", TagFromName.StructureSetLabel)).isNotEmpty();
        assertThat(value(ours, "SR", TagFromName.CompletionFlag)).isEqualTo("COMPLETE");
        assertThat(value(ours, "SR", TagFromName.VerificationFlag)).isEqualTo("VERIFIED");

        // DCMTK's dcmmkdir (general purpose profile) as the reference for the types and keys it writes (the
        // profile has no RT records and takes Explicit VR files only: it refuses RT and SRIMPL)
        ok(Dcmtk.run(List.of("dcmmkdir", "--output-file", dir.resolve("REFDIR").toString(), "-Pgp", "+I", "+id",
                dir.toString(), "D/CT", "D/SR", "D/SRTEXT", "D/KO", "D/PR", "D/PDF", "D/ECG")));
        Map<String, AttributeList> reference = recordsByFile(dir.resolve("REFDIR"));
        for (String n : List.of("CT", "SR", "SRTEXT", "KO", "PR", "PDF", "ECG")) {
            assertThat(type(ours, n)).as(n).isEqualTo(type(reference, n));
            if (n.equals("CT")) {
                continue; // dcmmkdir adds optional IMAGE keys (Image Type, Rows, ...) that we leave out
            }
            for (AttributeTag tag : reference.get(n).keySet()) {
                if (tag.getGroup() == 0x0004) {
                    continue;
                }
                assertThat(ours.get(n).containsKey(tag)).as(n + " has " + tag + " as dcmmkdir writes it").isTrue();
                Attribute theirs = reference.get(n).get(tag);
                Attribute mine = ours.get(n).get(tag);
                if (theirs instanceof SequenceAttribute seq) {
                    assertThat(((SequenceAttribute) mine).getNumberOfItems()).as(n + " " + tag)
                            .isEqualTo(seq.getNumberOfItems());
                } else {
                    assertThat(mine.getDelimitedStringValuesOrEmptyString()).as(n + " " + tag)
                            .isEqualTo(theirs.getDelimitedStringValuesOrEmptyString());
                }
            }
        }
        assertThat(Attribute.getSingleStringValueOrEmptyString(SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(
                ours.get("SRIMPL"), TagFromName.ConceptNameCodeSequence), TagFromName.CodeMeaning))
                .isEqualTo(Attribute.getSingleStringValueOrEmptyString(SequenceAttribute
                        .getAttributeListFromWithinSequenceWithSingleItem(reference.get("SR"),
                                TagFromName.ConceptNameCodeSequence), TagFromName.CodeMeaning))
                .isNotEmpty();
    }

    @Test
    void theRecordTypeFollowsTheSopClass() {
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.2").name).isEqualTo("IMAGE");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.88.22").name).isEqualTo("SR DOCUMENT");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.88.67").name).isEqualTo("SR DOCUMENT");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.88.59").name).isEqualTo("KEY OBJECT DOC");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.11.2").name).isEqualTo("PRESENTATION");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.104.2").name).isEqualTo("ENCAP DOC");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.9.4.1").name).isEqualTo("WAVEFORM");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.481.1").name).isEqualTo("IMAGE");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.481.8").name).isEqualTo("RT PLAN");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.481.4").name).isEqualTo("RT TREAT RECORD");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.66").name).isEqualTo("RAW DATA");
        assertThat(DicomDir.RecordType.of("1.2.840.10008.5.1.4.1.1.77.1.6").name).isEqualTo("IMAGE");
    }

    private static void ok(Dcmtk.Result r) {
        assertThat(r.ok()).as(r.output()).isTrue();
    }

    /** The leaf records of a DICOMDIR by the last component of their File ID. */
    private static Map<String, AttributeList> recordsByFile(Path dicomdir) throws Exception {
        AttributeList list = new AttributeList();
        list.read(dicomdir.toString());
        Map<String, AttributeList> out = new HashMap<>();
        SequenceAttribute records = (SequenceAttribute) list.get(TagFromName.DirectoryRecordSequence);
        for (Iterator<SequenceItem> it = records.iterator(); it.hasNext(); ) {
            AttributeList r = it.next().getAttributeList();
            Attribute fileId = r.get(TagFromName.ReferencedFileID);
            if (fileId != null) {
                String[] parts = fileId.getStringValues();
                out.put(parts[parts.length - 1], r);
            }
        }
        return out;
    }

    private static String type(Map<String, AttributeList> records, String name) {
        assertThat(records).containsKey(name);
        return Attribute.getSingleStringValueOrEmptyString(records.get(name), TagFromName.DirectoryRecordType);
    }

    private static String value(Map<String, AttributeList> records, String name, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(records.get(name), tag);
    }

    private static String value(Path file, AttributeTag tag) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toString());
        return Attribute.getSingleStringValueOrEmptyString(list, tag);
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
