// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsed header: values as dcmdump shows them, and patient names decoded per Specific Character Set. */
class HeaderAttributesTest {

    @TempDir
    Path dir;

    private record NameCase(String characterSet, byte[] encodedName, String expected) {
    }

    @Test
    void nonAsciiPatientNamesAreDecodedPerSpecificCharacterSet() throws Exception {
        List<NameCase> cases = List.of(
                new NameCase("ISO_IR 100", "Müller^Hans".getBytes(StandardCharsets.ISO_8859_1), "Müller^Hans"),
                new NameCase("ISO_IR 192", "Müller^Jürgen=李^小龍".getBytes(StandardCharsets.UTF_8), "Müller^Jürgen=李^小龍"),
                new NameCase("\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう".getBytes(Charset.forName("ISO-2022-JP")),
                        "Yamada^Tarou=山田^太郎=やまだ^たろう"),
                new NameCase("GB18030", "Wang^XiaoDong=王^小东=".getBytes(Charset.forName("GB18030")), "Wang^XiaoDong=王^小东="));

        List<Path> files = new ArrayList<>();
        List<Part10Files> metas = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            NameCase c = cases.get(i);
            Path f = dir.resolve("name" + i + ".dcm");
            Files.copy(Dcmtk.PYDICOM_FILES.resolve("MR_small.dcm"), f, StandardCopyOption.REPLACE_EXISTING);
            byte[] value = c.encodedName().length % 2 == 0 ? c.encodedName()
                    : java.util.Arrays.copyOf(c.encodedName(), c.encodedName().length + 1);
            if (value.length != c.encodedName().length) {
                value[value.length - 1] = ' ';
            }
            Path valueFile = Files.write(dir.resolve("name" + i + ".bin"), value);
            Dcmtk.Result modify = Dcmtk.run(List.of("dcmodify", "-nb", "-gin", "-i", "(0008,0005)=" + c.characterSet(),
                    "-if", "(0010,0010)=" + valueFile, f.toString()));
            assertThat(modify.exitCode()).as(modify.output()).isZero();
            files.add(f);
            metas.add(Part10Files.read(f));
        }

        TestHandler handler = new TestHandler(dir.resolve("store"));
        try (DicomListener listener = DicomListener.start(
                ListenerConfig.builder("IMAGESHARE", dir.resolve("incoming")).port(0).build(), handler)) {
            Dcmtk.Result r = Dcmtk.run(Dcmtk.storescu(StorescuConfig.write(dir.resolve("names.cfg"), metas),
                    StorescuConfig.PROFILE, "IMAGESHARE", listener.port(), files));
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
        for (int i = 0; i < cases.size(); i++) {
            DicomHeader h = handler.byInstance(metas.get(i).sopInstance()).header();
            assertThat(h.patientName()).as(cases.get(i).characterSet()).isEqualTo(cases.get(i).expected());
            assertThat(h.specificCharacterSet()).isEqualTo(cases.get(i).characterSet());
            assertThat(h.toString()).doesNotContain("Müller", "Yamada", "Wang");
        }
    }

    @Test
    void headerValuesMatchDcmdump() throws Exception {
        Path ct = Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm");
        TestHandler handler = new TestHandler(dir.resolve("store"));
        try (DicomListener listener = DicomListener.start(
                ListenerConfig.builder("IMAGESHARE", dir.resolve("incoming")).port(0).build(), handler)) {
            Dcmtk.Result r = Dcmtk.run(Dcmtk.storescu(StorescuConfig.write(dir.resolve("ct.cfg"),
                    List.of(Part10Files.read(ct))), StorescuConfig.PROFILE, "IMAGESHARE", listener.port(), List.of(ct)));
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
        ReceivedObject o = handler.received.get(0);
        DicomHeader h = o.header();
        Map<String, String> d = dcmdump(ct);
        assertThat(o.sopClassUid()).isEqualTo(d.get("SOPClassUID"));
        assertThat(o.sopInstanceUid()).isEqualTo(d.get("SOPInstanceUID"));
        assertThat(o.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(o.callingAeTitle()).isEqualTo("TESTSCU");
        assertThat(o.remote().getAddress().isLoopbackAddress()).isTrue();
        assertThat(h.patientId()).isEqualTo(d.getOrDefault("PatientID", ""));
        assertThat(h.patientName()).isEqualTo(d.getOrDefault("PatientName", ""));
        assertThat(h.patientBirthDate()).isEqualTo(d.getOrDefault("PatientBirthDate", ""));
        assertThat(h.studyInstanceUid()).isEqualTo(d.get("StudyInstanceUID")).isNotEmpty();
        assertThat(h.seriesInstanceUid()).isEqualTo(d.get("SeriesInstanceUID")).isNotEmpty();
        assertThat(h.studyDate()).isEqualTo(d.getOrDefault("StudyDate", ""));
        assertThat(h.studyTime()).isEqualTo(d.getOrDefault("StudyTime", ""));
        assertThat(h.studyDescription()).isEqualTo(d.getOrDefault("StudyDescription", ""));
        assertThat(h.accessionNumber()).isEqualTo(d.getOrDefault("AccessionNumber", ""));
        assertThat(h.modality()).isEqualTo("CT");
        assertThat(h.seriesNumber()).isEqualTo(intOf(d.get("SeriesNumber")));
        assertThat(h.instanceNumber()).isEqualTo(intOf(d.get("InstanceNumber")));
        assertThat(h.rows()).isEqualTo(OptionalInt.of(128));
        assertThat(h.columns()).isEqualTo(OptionalInt.of(128));
        assertThat(h.numberOfFrames()).isEqualTo(intOf(d.get("NumberOfFrames")));
        assertThat(o.toString()).doesNotContain(h.patientName()).doesNotContain(h.patientId());
    }

    private static OptionalInt intOf(String s) {
        return s == null || s.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s.strip()));
    }

    /** Top-level string values by keyword, from dcmdump (an independent parser). */
    private static Map<String, String> dcmdump(Path file) throws Exception {
        Dcmtk.Result r = Dcmtk.run(List.of("dcmdump", "-q", "-Un", "+L", file.toString()));
        Map<String, String> values = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\([0-9a-f]{4},[0-9a-f]{4}\\) \\w\\w \\[([^\\]]*)\\]\\s+#\\s*\\d+, \\d+ (\\w+)$")
                .matcher(r.output());
        while (m.find()) {
            values.putIfAbsent(m.group(2), m.group(1).strip());
        }
        Matcher n = Pattern.compile("(?m)^\\([0-9a-f]{4},[0-9a-f]{4}\\) \\w\\w (\\S+)\\s+#\\s*\\d+, \\d+ (\\w+)$")
                .matcher(r.output());
        while (n.find()) {
            values.putIfAbsent(n.group(2), n.group(1).strip());
        }
        return values;
    }
}
