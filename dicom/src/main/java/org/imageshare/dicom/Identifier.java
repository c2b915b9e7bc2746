// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import com.pixelmed.dicom.SpecificCharacterSet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Query/retrieve identifiers in Implicit VR Little Endian (the only syntax our SCU proposes): encoding
 * a flat list of keys, and decoding a response's top-level elements (sequences are skipped).
 */
final class Identifier {

    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int STUDY_DATE = 0x00080020;
    static final int STUDY_TIME = 0x00080030;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int QUERY_RETRIEVE_LEVEL = 0x00080052;
    static final int MODALITIES_IN_STUDY = 0x00080061;
    static final int STUDY_DESCRIPTION = 0x00081030;
    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int ISSUER_OF_PATIENT_ID = 0x00100021;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
    static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final TreeMap<Integer, byte[]> keys = new TreeMap<>(Integer::compareUnsigned);

    /** A text or date key (padded with a space); empty = universal matching / return key. */
    Identifier text(int tag, String value) {
        keys.put(tag, Dimse.padded(value.getBytes(StandardCharsets.UTF_8), (byte) ' '));
        return this;
    }

    /** A UID key (padded with NUL). */
    Identifier uid(int tag, String value) {
        keys.put(tag, Dimse.padded(value.getBytes(StandardCharsets.US_ASCII), (byte) 0));
        return this;
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        keys.forEach((tag, v) -> {
            out.write(tag >>> 16);
            out.write(tag >>> 24);
            out.write(tag);
            out.write(tag >>> 8);
            int len = v.length;
            out.write(len);
            out.write(len >>> 8);
            out.write(len >>> 16);
            out.write(len >>> 24);
            out.writeBytes(v);
        });
        return out.toByteArray();
    }

    /** The top-level elements of an Implicit VR Little Endian data set, by tag. */
    static Map<Integer, byte[]> decode(byte[] b) throws ProtocolException {
        Map<Integer, byte[]> values = new HashMap<>();
        int p = 0;
        while (p < b.length) {
            need(b, p, 8);
            int tag = tag(b, p);
            long len = CommandSet.u32le(b, p + 4);
            p += 8;
            if (len == UNDEFINED) {
                p = skipUndefined(b, p, 0);
                continue;
            }
            need(b, p, len);
            values.put(tag, java.util.Arrays.copyOfRange(b, p, p + (int) len));
            p += (int) len;
        }
        return values;
    }

    /** Skips an undefined-length sequence's items up to and including its delimiter. */
    private static int skipUndefined(byte[] b, int p, int depth) throws ProtocolException {
        if (depth > 16) {
            throw new ProtocolException(6, "sequences nested too deep");
        }
        while (true) {
            need(b, p, 8);
            int tag = tag(b, p);
            long len = CommandSet.u32le(b, p + 4);
            p += 8;
            if (tag == SEQUENCE_DELIMITER) {
                return p;
            }
            if (tag != ITEM) {
                throw new ProtocolException(6, "expected an item in a sequence");
            }
            if (len != UNDEFINED) {
                need(b, p, len);
                p += (int) len;
                continue;
            }
            // an undefined-length item: elements until the item delimiter
            while (true) {
                need(b, p, 8);
                int t = tag(b, p);
                long l = CommandSet.u32le(b, p + 4);
                p += 8;
                if (t == ITEM_DELIMITER) {
                    break;
                }
                if (l == UNDEFINED) {
                    p = skipUndefined(b, p, depth + 1);
                } else {
                    need(b, p, l);
                    p += (int) l;
                }
            }
        }
    }

    private static int tag(byte[] b, int p) {
        return (CommandSet.u16le(b, p) << 16) | CommandSet.u16le(b, p + 2);
    }

    private static void need(byte[] b, int p, long n) throws ProtocolException {
        if (n < 0 || p + n > b.length) {
            throw new ProtocolException(6, "identifier element overruns the data set");
        }
    }

    /** Decodes a study-level C-FIND response identifier. */
    static StudyMatch studyMatch(Map<Integer, byte[]> v) {
        SpecificCharacterSet charset = new SpecificCharacterSet(
                HeaderParser.charsetTerms(HeaderParser.ascii(v.get(SPECIFIC_CHARACTER_SET))));
        String modalities = HeaderParser.ascii(v.get(MODALITIES_IN_STUDY));
        java.util.List<String> list = modalities.isEmpty() ? java.util.List.of()
                : java.util.Arrays.stream(modalities.split("\\\\")).map(String::strip).filter(s -> !s.isEmpty())
                        .distinct().toList();
        return new StudyMatch(HeaderParser.ascii(v.get(STUDY_INSTANCE_UID)), HeaderParser.ascii(v.get(STUDY_DATE)),
                HeaderParser.ascii(v.get(STUDY_TIME)), HeaderParser.text(v.get(ACCESSION_NUMBER), charset),
                HeaderParser.text(v.get(STUDY_DESCRIPTION), charset), list,
                integer(v.get(NUMBER_OF_STUDY_RELATED_SERIES)), integer(v.get(NUMBER_OF_STUDY_RELATED_INSTANCES)),
                HeaderParser.text(v.get(PATIENT_ID), charset), HeaderParser.text(v.get(PATIENT_NAME), charset));
    }

    private static java.util.OptionalInt integer(byte[] b) {
        String s = HeaderParser.ascii(b);
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        try {
            return s.isEmpty() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }
}
