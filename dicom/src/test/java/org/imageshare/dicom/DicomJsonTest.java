// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DICOM JSON Model encoder (PS3.18 F). */
class DicomJsonTest {

    @Test
    void attributesAreKeyedByHexTagInOrderWithVrAndValues() {
        String json = new DicomJson.DataSet()
                .string(0x0020000D, "UI", "1.2.3")
                .personName(0x00100010, "Müller^Zoë=山田^太郎")
                .number(0x00201208, "IS", 12)
                .string(0x00080061, "CS", "CT", "MR")
                .string(0x00081030, "LO", "")
                .string(0x00080020, "DA", "20040119")
                .toJson();
        assertThat(json).isEqualTo("{\"00080020\":{\"vr\":\"DA\",\"Value\":[\"20040119\"]},"
                + "\"00080061\":{\"vr\":\"CS\",\"Value\":[\"CT\",\"MR\"]},"
                + "\"00081030\":{\"vr\":\"LO\"},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller^Zoë\",\"Ideographic\":\"山田^太郎\"}]},"
                + "\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]},"
                + "\"00201208\":{\"vr\":\"IS\",\"Value\":[12]}}");
        JsonObject parsed = Json.createReader(new StringReader(json)).readObject();
        assertThat(parsed.getJsonObject("00100010").getJsonArray("Value").getJsonObject(0).getString("Alphabetic"))
                .isEqualTo("Müller^Zoë");
    }

    @Test
    void sequencesHoldDataSetsAndStringsAreEscaped() {
        String json = new DicomJson.DataSet()
                .sequence(0x00081198, List.of(new DicomJson.DataSet().string(0x00081155, "UI", "1.2")
                        .number(0x00081197, "US", 0xC000)))
                .string(0x00081030, "LO", "a \"quoted\" \\ back\nslash")
                .toJson();
        JsonObject parsed = Json.createReader(new StringReader(json)).readObject();
        assertThat(parsed.getJsonObject("00081030").getJsonArray("Value").getString(0))
                .isEqualTo("a \"quoted\" \\ back\nslash");
        JsonObject item = parsed.getJsonObject("00081198").getJsonArray("Value").getJsonObject(0);
        assertThat(item.getJsonObject("00081197").getJsonArray("Value").getInt(0)).isEqualTo(0xC000);
        assertThat(DicomJson.array(List.of(new DicomJson.DataSet(), new DicomJson.DataSet()))).isEqualTo("[{},{}]");
    }

    @Test
    void metadataOfAStoredFileIsTheWholeDataSetWithoutPixelDataOrMetaGroup() throws Exception {
        String json = DicomJson.metadata(Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm"));
        JsonObject parsed = Json.createReader(new StringReader(json)).readObject();
        assertThat(parsed.getJsonObject("00100010").getJsonArray("Value").getJsonObject(0).getString("Alphabetic"))
                .isEqualTo("CompressedSamples^CT1");
        assertThat(parsed.getJsonObject("00280010").getString("vr")).isEqualTo("US");
        assertThat(parsed.getJsonObject("00280010").getJsonArray("Value").getInt(0)).isEqualTo(128);
        assertThat(parsed.getJsonObject("00200010").getJsonArray("Value").getString(0)).isEqualTo("1CT1");
        // DS as JSON numbers
        assertThat(parsed.getJsonObject("00280030").getJsonArray("Value").getJsonNumber(0).doubleValue()).isPositive();
        assertThat(parsed).doesNotContainKeys("7FE00010", "00020010");
        assertThat(new java.util.ArrayList<>(parsed.keySet())).isSorted();
    }

    @Test
    void sequencesAndTextInOtherCharacterSetsComeThrough() throws Exception {
        JsonObject rt = Json.createReader(new StringReader(
                DicomJson.metadata(Dcmtk.PYDICOM_FILES.resolve("rtplan.dcm")))).readObject();
        assertThat(rt.getJsonObject("300A00B0").getString("vr")).isEqualTo("SQ");
        assertThat(rt.getJsonObject("300A00B0").getJsonArray("Value")).isNotEmpty();
    }

    @Test
    void numbersThatAreNotNumbersStayStrings() {
        assertThat(DicomJson.numberText(" +1.5 ")).isEqualTo("1.5");
        assertThat(DicomJson.numberText(".5")).isEqualTo("0.5");
        assertThat(DicomJson.numberText("abc")).isEqualTo("\"abc\"");
        assertThat(DicomJson.numberText("NaN")).isEqualTo("null");
    }
}
