// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import com.pixelmed.dicom.SpecificCharacterSet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Decodes the indexed attributes from the raw values {@link DataSetWalker} picked up. Text that
 * Specific Character Set (0008,0005) applies to (PN, LO, SH) is decoded by PixelMed's
 * {@link SpecificCharacterSet}, which handles single-byte sets, UTF-8, GB18030/GBK and ISO 2022
 * code extensions; UIDs, dates, times, code strings and numbers are plain ASCII.
 *
 * <p>PixelMed's own {@code AttributeList.read} is not used here: it builds every attribute by
 * reflection and was the largest Java hot spot when profiled on the receive path.
 */
final class HeaderParser {

    /** What the header says about the object. */
    record Parsed(String sopClassUid, String sopInstanceUid, DicomHeader header) {
    }

    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int STUDY_DATE = 0x00080020;
    static final int STUDY_TIME = 0x00080030;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int MODALITY = 0x00080060;
    static final int STUDY_DESCRIPTION = 0x00081030;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int ISSUER_OF_PATIENT_ID = 0x00100021;
    static final int PATIENT_BIRTH_DATE = 0x00100030;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int SERIES_NUMBER = 0x00200011;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;

    /** The tags {@link DataSetWalker} must keep. */
    static final Set<Integer> WANTED = Set.of(SPECIFIC_CHARACTER_SET, SOP_CLASS_UID, SOP_INSTANCE_UID, STUDY_DATE,
            STUDY_TIME, ACCESSION_NUMBER, MODALITY, STUDY_DESCRIPTION, SERIES_DESCRIPTION, PATIENT_NAME, PATIENT_ID,
            ISSUER_OF_PATIENT_ID, PATIENT_BIRTH_DATE, STUDY_INSTANCE_UID, SERIES_INSTANCE_UID, SERIES_NUMBER,
            INSTANCE_NUMBER, NUMBER_OF_FRAMES, ROWS, COLUMNS);

    private HeaderParser() {
    }

    static Parsed parse(DataSetWalker.RawValues raw) {
        Map<Integer, byte[]> v = raw.values();
        String charsetValue = ascii(v.get(SPECIFIC_CHARACTER_SET));
        SpecificCharacterSet charset = charset(charsetValue);
        DicomHeader header = new DicomHeader(
                text(v.get(PATIENT_ID), charset),
                text(v.get(ISSUER_OF_PATIENT_ID), charset),
                text(v.get(PATIENT_NAME), charset),
                ascii(v.get(PATIENT_BIRTH_DATE)),
                ascii(v.get(STUDY_INSTANCE_UID)),
                ascii(v.get(STUDY_DATE)),
                ascii(v.get(STUDY_TIME)),
                text(v.get(STUDY_DESCRIPTION), charset),
                text(v.get(ACCESSION_NUMBER), charset),
                ascii(v.get(MODALITY)),
                ascii(v.get(SERIES_INSTANCE_UID)),
                integerString(v.get(SERIES_NUMBER)),
                text(v.get(SERIES_DESCRIPTION), charset),
                integerString(v.get(INSTANCE_NUMBER)),
                integerString(v.get(NUMBER_OF_FRAMES)),
                unsignedShort(v.get(ROWS), raw.bigEndian()),
                unsignedShort(v.get(COLUMNS), raw.bigEndian()),
                charsetValue);
        return new Parsed(ascii(v.get(SOP_CLASS_UID)), ascii(v.get(SOP_INSTANCE_UID)), header);
    }

    /** The defined terms of (0008,0005); the first may be empty (ISO 2022 with the default repertoire first). */
    static String[] charsetTerms(String value) {
        if (value.isEmpty()) {
            return new String[0];
        }
        List<String> terms = new ArrayList<>();
        for (String t : value.split("\\\\", -1)) {
            terms.add(t.strip());
        }
        return terms.toArray(new String[0]);
    }

    /**
     * PixelMed's character set for a value of (0008,0005); the last one made on this thread is used again (an
     * association's objects usually name the same, and making one costs more than decoding a name with it).
     * Per thread, as an attribute list uses one for all its values.
     */
    static SpecificCharacterSet charset(String value) {
        LastCharset last = LAST_CHARSET.get();
        if (last != null && last.value().equals(value)) {
            return last.charset();
        }
        SpecificCharacterSet charset = new SpecificCharacterSet(charsetTerms(value));
        LAST_CHARSET.set(new LastCharset(value, charset));
        return charset;
    }

    private record LastCharset(String value, SpecificCharacterSet charset) {
    }

    private static final ThreadLocal<LastCharset> LAST_CHARSET = new ThreadLocal<>();

    static String text(byte[] b, SpecificCharacterSet charset) {
        if (b == null || b.length == 0) {
            return "";
        }
        return clean(charset.translateByteArrayToString(b, 0, b.length));
    }

    static String ascii(byte[] b) {
        if (b == null || b.length == 0) {
            return "";
        }
        return clean(new String(b, StandardCharsets.ISO_8859_1));
    }

    private static String clean(String s) {
        return s.replace("\0", "").strip();
    }

    /** IS: the first value as an int, empty when absent or not a number. */
    private static OptionalInt integerString(byte[] b) {
        String v = ascii(b);
        int sep = v.indexOf('\\');
        if (sep >= 0) {
            v = v.substring(0, sep).strip();
        }
        if (v.startsWith("+")) {
            v = v.substring(1);
        }
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** US: binary, in the data set's byte order. */
    private static OptionalInt unsignedShort(byte[] b, boolean bigEndian) {
        if (b == null || b.length < 2) {
            return OptionalInt.empty();
        }
        int value = bigEndian ? ((b[0] & 0xFF) << 8) | (b[1] & 0xFF) : (b[0] & 0xFF) | ((b[1] & 0xFF) << 8);
        return OptionalInt.of(value);
    }
}
