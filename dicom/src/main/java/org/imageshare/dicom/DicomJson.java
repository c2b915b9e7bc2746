// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DICOM JSON Model (PS3.18 Annex F): one data set is a JSON object keyed by the eight upper-case hex
 * digits of each tag, in tag order, each attribute {@code {"vr": …, "Value": [...]}} (no {@code Value}
 * when empty). Person names are {@code {"Alphabetic": …, "Ideographic": …, "Phonetic": …}}; IS, DS and the
 * binary numbers are JSON numbers; AT is the hex tag; sequences hold data-set objects; small binary values
 * are {@code InlineBinary} (base64). Pixel Data and binary values over {@value #MAX_INLINE_BINARY} bytes
 * are left out (no bulk-data URIs yet).
 */
public final class DicomJson {

    static final int MAX_INLINE_BINARY = 64 * 1024;

    private DicomJson() {
    }

    /** Builds one data set in the JSON model. Not thread-safe. */
    public static final class DataSet {
        private final TreeMap<Long, String> attributes = new TreeMap<>();

        /** Text values of a string VR (not PN); an empty or absent value gives the attribute without Value. */
        public DataSet string(int tag, String vr, String... values) {
            return put(tag, vr, stringValues(values));
        }

        public DataSet strings(int tag, String vr, List<String> values) {
            return string(tag, vr, values.toArray(new String[0]));
        }

        /** Person names in DICOM form ({@code Family^Given}, groups separated by {@code =}). */
        public DataSet personName(int tag, String... values) {
            List<String> items = new ArrayList<>();
            boolean any = false;
            for (String v : values) {
                if (v == null || v.isEmpty()) {
                    items.add("null");
                    continue;
                }
                any = true;
                items.add(personNameObject(v));
            }
            return put(tag, "PN", any ? "[" + String.join(",", items) + "]" : null);
        }

        /** Numbers (IS, DS, US, UL, SS, SL, FL, FD …); null elements are written as JSON null. */
        public DataSet number(int tag, String vr, Number... values) {
            List<String> items = new ArrayList<>();
            for (Number n : values) {
                items.add(n == null ? "null" : numberText(n.toString()));
            }
            return put(tag, vr, items.isEmpty() ? null : "[" + String.join(",", items) + "]");
        }

        public DataSet sequence(int tag, List<DataSet> items) {
            List<String> json = new ArrayList<>();
            for (DataSet item : items) {
                json.add(item.toJson());
            }
            return put(tag, "SQ", items.isEmpty() ? null : "[" + String.join(",", json) + "]");
        }

        public boolean isEmpty() {
            return attributes.isEmpty();
        }

        public String toJson() {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<Long, String> a : attributes.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"').append(String.format("%08X", a.getKey())).append("\":").append(a.getValue());
            }
            return out.append('}').toString();
        }

        private DataSet put(int tag, String vr, String valueArray) {
            return putRaw(tag, vr, valueArray == null ? null : "\"Value\":" + valueArray);
        }

        private DataSet putRaw(int tag, String vr, String valueMember) {
            String json = "{\"vr\":\"" + vr + "\"" + (valueMember == null ? "" : "," + valueMember) + "}";
            attributes.put(tag & 0xFFFFFFFFL, json);
            return this;
        }
    }

    /** A JSON array of data sets, as QIDO-RS and metadata answers are. */
    public static String array(List<DataSet> dataSets) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < dataSets.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(dataSets.get(i).toJson());
        }
        return out.append(']').toString();
    }

    /**
     * The whole data set of a stored Part 10 file (without its file meta group and Pixel Data) as one JSON
     * object, text decoded with its Specific Character Set.
     *
     * @throws InvalidDicomFile when PixelMed cannot read it
     */
    public static String metadata(Path file) throws IOException, InvalidDicomFile {
        AttributeList list = new AttributeList();
        try {
            list.read(file.toString(), TagFromName.PixelData);
        } catch (DicomException | RuntimeException e) {
            throw new InvalidDicomFile("the stored object cannot be read", e);
        }
        try {
            return of(list, true).toJson();
        } catch (DicomException e) {
            throw new InvalidDicomFile("the stored object cannot be encoded", e);
        }
    }

    private static DataSet of(AttributeList list, boolean topLevel) throws DicomException {
        DataSet data = new DataSet();
        for (Attribute a : list.values()) {
            int group = a.getTag().getGroup();
            int element = a.getTag().getElement();
            int tag = (group << 16) | element;
            if (topLevel && group == 0x0002 || tag == 0x7FE00010 || element == 0x0000) {
                continue;
            }
            String vr = a.getVRAsString();
            if (a instanceof SequenceAttribute sq) {
                List<DataSet> items = new ArrayList<>();
                for (Iterator<SequenceItem> it = sq.iterator(); it.hasNext(); ) {
                    items.add(of(it.next().getAttributeList(), false));
                }
                data.sequence(tag, items);
                continue;
            }
            switch (vr) {
                case "PN" -> data.personName(tag, nonNull(a.getStringValues()));
                case "IS", "DS", "US", "SS", "UL", "SL", "FL", "FD", "SV", "UV" -> {
                    String[] values = nonNull(a.getStringValues());
                    List<String> items = new ArrayList<>();
                    for (String v : values) {
                        items.add(v == null || v.isBlank() ? "null" : numberText(v.strip()));
                    }
                    data.put(tag, vr, items.isEmpty() ? null : "[" + String.join(",", items) + "]");
                }
                case "AT" -> {
                    String[] values = nonNull(a.getStringValues());
                    List<String> hex = new ArrayList<>();
                    for (String v : values) {
                        hex.add(v.replaceAll("[^0-9A-Fa-f]", "").toUpperCase());
                    }
                    data.string(tag, vr, hex.toArray(new String[0]));
                }
                case "OB", "OD", "OF", "OL", "OV", "OW", "UN" -> {
                    long vl = a.getVL();
                    if (vl > 0 && vl <= MAX_INLINE_BINARY) {
                        byte[] bytes = a.getByteValues(true);
                        data.putRaw(tag, vr, "\"InlineBinary\":" + quote(Base64.getEncoder().encodeToString(bytes)));
                    } else {
                        data.putRaw(tag, vr, null);
                    }
                }
                default -> data.string(tag, vr, nonNull(a.getStringValues()));
            }
        }
        return data;
    }

    private static String[] nonNull(String[] values) {
        return values == null ? new String[0] : values;
    }

    private static String stringValues(String[] values) {
        List<String> items = new ArrayList<>();
        boolean any = false;
        for (String v : values) {
            if (v == null || v.isEmpty()) {
                items.add("null");
            } else {
                any = true;
                items.add(quote(v));
            }
        }
        return any ? "[" + String.join(",", items) + "]" : null;
    }

    private static String personNameObject(String value) {
        String[] groups = value.split("=", -1);
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (int i = 0; i < Math.min(3, groups.length); i++) {
            if (groups[i].isEmpty()) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(names[i]).append("\":").append(quote(groups[i]));
        }
        return out.append('}').toString();
    }

    /** A JSON number for a DICOM numeric string; a value that is no number stays a JSON string. */
    static String numberText(String value) {
        String v = value.strip();
        if (v.startsWith("+")) {
            v = v.substring(1);
        }
        try {
            BigDecimal d = new BigDecimal(v);
            String plain = d.toString();
            return plain;
        } catch (NumberFormatException e) {
            if (v.equalsIgnoreCase("nan") || v.toLowerCase().contains("infinity")) {
                return "null";
            }
            return quote(value);
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
