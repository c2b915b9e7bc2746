// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TransferSyntax;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The sequence keys of a directory record (Concept Name Code Sequence of an SR, Referenced Series Sequence of a
 * presentation state), read with PixelMed up to the last of them and written as Explicit VR Little Endian
 * elements, whatever the file's transfer syntax. A missing sequence is written empty (type 2; for type 1 the
 * object itself lacks it).
 */
final class DicomDirSequences {

    private DicomDirSequences() {
    }

    private static final int VERIFYING_OBSERVER_SEQUENCE = 0x0040A073;
    private static final AttributeTag VERIFICATION_DATETIME = new AttributeTag(0x0040, 0xA030);

    /**
     * Each tag's element, encoded; with {@code verification}, also Verification DateTime (0040,A030): the most
     * recent one in the Verifying Observer Sequence (PS3.3 F.5.21), when there is one.
     */
    static TreeMap<Integer, byte[]> read(Path file, int[] tags, boolean verification)
            throws IOException, InvalidDicomFile {
        int last = Arrays.stream(tags).max().orElseThrow();
        if (verification) {
            last = Math.max(last, VERIFYING_OBSERVER_SEQUENCE);
        }
        AttributeList list = new AttributeList();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                DicomInputStream dicom = new DicomInputStream(in)) {
            // stops before the first element at or above this tag: the last wanted sequence is read whole
            list.read(dicom, new AttributeTag(last >>> 16, (last & 0xFFFF) + 1));
        } catch (DicomException e) {
            throw new InvalidDicomFile("cannot read the record's sequences: " + e.getMessage(), e);
        }
        TreeMap<Integer, byte[]> out = new TreeMap<>();
        for (int tag : tags) {
            Attribute a = list.get(new AttributeTag(tag >>> 16, tag & 0xFFFF));
            out.put(tag, a == null ? empty(tag) : encode(a));
        }
        if (verification && list.get(new AttributeTag(0x0040, 0xA073)) instanceof SequenceAttribute observers) {
            String latest = "";
            for (int i = 0; i < observers.getNumberOfItems(); i++) {
                String v = Attribute.getSingleStringValueOrEmptyString(observers.getItem(i).getAttributeList(),
                        VERIFICATION_DATETIME);
                if (v.compareTo(latest) > 0) { // DT values of one format order as text
                    latest = v;
                }
            }
            if (!latest.isEmpty()) {
                byte[] value = latest.getBytes(StandardCharsets.US_ASCII);
                if (value.length % 2 != 0) {
                    value = Arrays.copyOf(value, value.length + 1);
                    value[value.length - 1] = ' ';
                }
                ByteArrayOutputStream e = new ByteArrayOutputStream();
                e.writeBytes(new byte[] {0x40, 0x00, 0x30, (byte) 0xA0, 'D', 'T', (byte) value.length,
                    (byte) (value.length >>> 8)});
                e.writeBytes(value);
                out.put(0x0040A030, e.toByteArray());
            }
        }
        return out;
    }

    private static byte[] encode(Attribute a) throws IOException, InvalidDicomFile {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            DicomOutputStream out = new DicomOutputStream(bytes, null, TransferSyntax.ExplicitVRLittleEndian);
            a.write(out);
            out.flush();
        } catch (DicomException e) {
            throw new InvalidDicomFile("cannot write a record's sequence: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** An empty SQ element with defined length 0. */
    private static byte[] empty(int tag) {
        return new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8), 'S', 'Q', 0, 0,
            0, 0, 0, 0};
    }
}
