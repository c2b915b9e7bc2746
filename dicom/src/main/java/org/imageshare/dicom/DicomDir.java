// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes a DICOMDIR (PS3.10 7.2, PS3.3 Annex F Basic Directory IOD) for a set of Part 10 files: one PATIENT,
 * STUDY, SERIES and IMAGE record per patient, study, series and object, linked by byte offsets, Explicit VR
 * Little Endian, built in memory. The record keys are copied byte for byte from each file's header (with
 * its Specific Character Set in the record), so names come out as the file has them.
 *
 * <p>The record of an object has the type its SOP class asks for (PS3.3 F.5, as DCMTK {@code dcmmkdir} writes
 * them): SR DOCUMENT, KEY OBJECT DOC, PRESENTATION, ENCAP DOC, WAVEFORM, RAW DATA, RT DOSE, RT STRUCTURE SET,
 * RT PLAN, RT TREAT RECORD, else IMAGE ({@link RecordType}); each with its required keys. Sequence keys
 * (Concept Name Code Sequence, Referenced Series Sequence) are read with PixelMed and written in Explicit VR
 * Little Endian.
 */
public final class DicomDir {

    /** Media Storage Directory Storage. */
    public static final String SOP_CLASS = Part10File.MEDIA_STORAGE_DIRECTORY;
    private static final Pattern FILE_ID_COMPONENT = Pattern.compile("[A-Z0-9_]{1,8}");
    private static final String EXPLICIT_LE = TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN;

    /**
     * One file of the file set.
     *
     * @param source where to read it
     * @param fileId its File ID on the medium: 1–8 components of 1–8 characters {@code A-Z 0-9 _}
     */
    public record Entry(Path source, List<String> fileId) {
        public Entry {
            Objects.requireNonNull(source, "source");
            fileId = List.copyOf(fileId);
            if (!isValidFileId(fileId)) {
                throw new IllegalArgumentException("invalid File ID " + fileId);
            }
        }
    }

    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int STUDY_DATE = 0x00080020;
    static final int STUDY_TIME = 0x00080030;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int MODALITY = 0x00080060;
    static final int STUDY_DESCRIPTION = 0x00081030;
    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int STUDY_ID = 0x00200010;
    static final int SERIES_NUMBER = 0x00200011;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int CONTENT_DATE = 0x00080023;
    static final int CONTENT_TIME = 0x00080033;
    static final int REFERENCED_SERIES_SEQUENCE = 0x00081115;
    static final int VERIFICATION_DATETIME = 0x0040A030;
    static final int CONCEPT_NAME_CODE_SEQUENCE = 0x0040A043;
    static final int COMPLETION_FLAG = 0x0040A491;
    static final int VERIFICATION_FLAG = 0x0040A493;
    static final int HL7_INSTANCE_IDENTIFIER = 0x0040E001;
    static final int DOCUMENT_TITLE = 0x00420010;
    static final int MIME_TYPE = 0x00420012;
    static final int CONTENT_LABEL = 0x00700080;
    static final int CONTENT_DESCRIPTION = 0x00700081;
    static final int PRESENTATION_CREATION_DATE = 0x00700082;
    static final int PRESENTATION_CREATION_TIME = 0x00700083;
    static final int CONTENT_CREATOR_NAME = 0x00700084;
    static final int DOSE_SUMMATION_TYPE = 0x3004000A;
    static final int STRUCTURE_SET_LABEL = 0x30060002;
    static final int STRUCTURE_SET_DATE = 0x30060008;
    static final int STRUCTURE_SET_TIME = 0x30060009;
    static final int TREATMENT_DATE = 0x30080250;
    static final int TREATMENT_TIME = 0x30080251;
    static final int RT_PLAN_LABEL = 0x300A0002;
    static final int RT_PLAN_DATE = 0x300A0006;
    static final int RT_PLAN_TIME = 0x300A0007;

    /**
     * The directory record type of an object and its keys (PS3.3 F.5): {@code keys} always written (empty when
     * the object lacks them), {@code conditional} only when present, {@code sequences} read and copied whole
     * (an empty sequence when absent).
     */
    enum RecordType {
        IMAGE("IMAGE", new int[] {INSTANCE_NUMBER}, new int[0], new int[0]),
        SR_DOCUMENT("SR DOCUMENT", new int[] {CONTENT_DATE, CONTENT_TIME, INSTANCE_NUMBER, COMPLETION_FLAG,
            VERIFICATION_FLAG}, new int[] {VERIFICATION_DATETIME}, new int[] {CONCEPT_NAME_CODE_SEQUENCE}),
        KEY_OBJECT_DOC("KEY OBJECT DOC", new int[] {CONTENT_DATE, CONTENT_TIME, INSTANCE_NUMBER}, new int[0],
                new int[] {CONCEPT_NAME_CODE_SEQUENCE}),
        PRESENTATION("PRESENTATION", new int[] {INSTANCE_NUMBER, CONTENT_LABEL, CONTENT_DESCRIPTION,
            PRESENTATION_CREATION_DATE, PRESENTATION_CREATION_TIME, CONTENT_CREATOR_NAME}, new int[0],
                new int[] {REFERENCED_SERIES_SEQUENCE}),
        ENCAP_DOC("ENCAP DOC", new int[] {CONTENT_DATE, CONTENT_TIME, INSTANCE_NUMBER, DOCUMENT_TITLE, MIME_TYPE},
                new int[] {HL7_INSTANCE_IDENTIFIER}, new int[] {CONCEPT_NAME_CODE_SEQUENCE}),
        WAVEFORM("WAVEFORM", new int[] {CONTENT_DATE, CONTENT_TIME, INSTANCE_NUMBER}, new int[0], new int[0]),
        RAW_DATA("RAW DATA", new int[] {CONTENT_DATE, CONTENT_TIME, INSTANCE_NUMBER}, new int[0], new int[0]),
        RT_DOSE("RT DOSE", new int[] {INSTANCE_NUMBER, DOSE_SUMMATION_TYPE}, new int[0], new int[0]),
        RT_STRUCTURE_SET("RT STRUCTURE SET", new int[] {INSTANCE_NUMBER, STRUCTURE_SET_LABEL, STRUCTURE_SET_DATE,
            STRUCTURE_SET_TIME}, new int[0], new int[0]),
        RT_PLAN("RT PLAN", new int[] {INSTANCE_NUMBER, RT_PLAN_LABEL, RT_PLAN_DATE, RT_PLAN_TIME}, new int[0],
                new int[0]),
        RT_TREAT_RECORD("RT TREAT RECORD", new int[] {INSTANCE_NUMBER, TREATMENT_DATE, TREATMENT_TIME}, new int[0],
                new int[0]);

        private static final String STORAGE = "1.2.840.10008.5.1.4.1.1.";

        final String name;
        final int[] keys;
        final int[] conditional;
        final int[] sequences;

        RecordType(String name, int[] keys, int[] conditional, int[] sequences) {
            this.name = name;
            this.keys = keys;
            this.conditional = conditional;
            this.sequences = sequences;
        }

        /** The record type for a SOP class (PS3.3 F.4, Table F.4-1 and the record types of F.5). */
        static RecordType of(String sopClassUid) {
            String c = sopClassUid == null ? "" : sopClassUid.strip();
            if (!c.startsWith(STORAGE)) {
                return IMAGE;
            }
            String rest = c.substring(STORAGE.length());
            if (rest.equals("88.59")) {
                return KEY_OBJECT_DOC;
            }
            if (rest.startsWith("88.")) {
                return SR_DOCUMENT;
            }
            if (rest.startsWith("11.")) {
                return PRESENTATION;
            }
            if (rest.startsWith("104.")) {
                return ENCAP_DOC;
            }
            if (rest.startsWith("9.")) {
                return WAVEFORM;
            }
            return switch (rest) {
                case "66" -> RAW_DATA;
                case "481.2" -> RT_DOSE;
                case "481.3" -> RT_STRUCTURE_SET;
                case "481.5", "481.8" -> RT_PLAN;
                case "481.4", "481.6", "481.7", "481.9" -> RT_TREAT_RECORD;
                default -> IMAGE;
            };
        }
    }

    private static final Map<Integer, String> VR = Map.ofEntries(Map.entry(SPECIFIC_CHARACTER_SET, "CS"),
            Map.entry(STUDY_DATE, "DA"), Map.entry(STUDY_TIME, "TM"), Map.entry(ACCESSION_NUMBER, "SH"),
            Map.entry(MODALITY, "CS"), Map.entry(STUDY_DESCRIPTION, "LO"), Map.entry(PATIENT_NAME, "PN"),
            Map.entry(PATIENT_ID, "LO"), Map.entry(STUDY_INSTANCE_UID, "UI"), Map.entry(SERIES_INSTANCE_UID, "UI"),
            Map.entry(STUDY_ID, "SH"), Map.entry(SERIES_NUMBER, "IS"), Map.entry(INSTANCE_NUMBER, "IS"),
            Map.entry(CONTENT_DATE, "DA"), Map.entry(CONTENT_TIME, "TM"), Map.entry(VERIFICATION_DATETIME, "DT"),
            Map.entry(COMPLETION_FLAG, "CS"), Map.entry(VERIFICATION_FLAG, "CS"),
            Map.entry(HL7_INSTANCE_IDENTIFIER, "ST"), Map.entry(DOCUMENT_TITLE, "ST"), Map.entry(MIME_TYPE, "LO"),
            Map.entry(CONTENT_LABEL, "CS"), Map.entry(CONTENT_DESCRIPTION, "LO"),
            Map.entry(PRESENTATION_CREATION_DATE, "DA"), Map.entry(PRESENTATION_CREATION_TIME, "TM"),
            Map.entry(CONTENT_CREATOR_NAME, "PN"), Map.entry(DOSE_SUMMATION_TYPE, "CS"),
            Map.entry(STRUCTURE_SET_LABEL, "SH"), Map.entry(STRUCTURE_SET_DATE, "DA"),
            Map.entry(STRUCTURE_SET_TIME, "TM"), Map.entry(TREATMENT_DATE, "DA"), Map.entry(TREATMENT_TIME, "TM"),
            Map.entry(RT_PLAN_LABEL, "SH"), Map.entry(RT_PLAN_DATE, "DA"), Map.entry(RT_PLAN_TIME, "TM"));
    private static final Set<Integer> WANTED = Set.of(SPECIFIC_CHARACTER_SET, SOP_CLASS_UID, SOP_INSTANCE_UID,
            STUDY_DATE, STUDY_TIME, ACCESSION_NUMBER, MODALITY, STUDY_DESCRIPTION, PATIENT_NAME, PATIENT_ID,
            STUDY_INSTANCE_UID, SERIES_INSTANCE_UID, STUDY_ID, SERIES_NUMBER, INSTANCE_NUMBER);
    /** What a non-IMAGE record also reads: its keys lie after Instance Number, up to the RT groups. */
    private static final Set<Integer> WANTED_DOCUMENT;
    private static final int LAST_DOCUMENT_KEY = 0x300AFFFF;

    static {
        Set<Integer> wanted = new java.util.HashSet<>(WANTED);
        for (RecordType type : RecordType.values()) {
            Arrays.stream(type.keys).forEach(wanted::add);
            Arrays.stream(type.conditional).forEach(wanted::add);
        }
        WANTED_DOCUMENT = Set.copyOf(wanted);
    }

    private static final int[] PATIENT_KEYS = {PATIENT_NAME, PATIENT_ID};
    private static final int[] STUDY_KEYS = {STUDY_DATE, STUDY_TIME, ACCESSION_NUMBER, STUDY_DESCRIPTION,
        STUDY_INSTANCE_UID, STUDY_ID};
    private static final int[] SERIES_KEYS = {MODALITY, SERIES_INSTANCE_UID, SERIES_NUMBER};

    private DicomDir() {
    }

    /** True for a File ID of 1–8 components, each 1–8 characters of {@code A-Z 0-9 _} (PS3.10 8.2, 8.5). */
    public static boolean isValidFileId(List<String> components) {
        return !components.isEmpty() && components.size() <= 8
                && components.stream().allMatch(c -> c != null && FILE_ID_COMPONENT.matcher(c).matches());
    }

    /**
     * The DICOMDIR of these files, in the order given (records of one patient, study, series stay together
     * in order of first appearance).
     *
     * @param fileSetId File-set ID, at most 16 characters {@code A-Z 0-9 _ space}
     * @throws InvalidDicomFile when one of the files is not a readable Part 10 file
     */
    public static byte[] write(List<Entry> entries, String fileSetId) throws IOException, InvalidDicomFile {
        Map<String, Node> patients = new LinkedHashMap<>();
        for (Entry entry : entries) {
            Map<Integer, byte[]> v = read(entry.source());
            byte[] charset = v.get(SPECIFIC_CHARACTER_SET);
            String patientKey = text(v.get(PATIENT_ID)) + "\u0000" + Arrays.toString(v.get(PATIENT_NAME));
            Node patient = patients.computeIfAbsent(patientKey, k -> new Node("PATIENT", keys(v, PATIENT_KEYS, charset)));
            Node study = patient.child(text(v.get(STUDY_INSTANCE_UID)), () -> new Node("STUDY", keys(v, STUDY_KEYS, charset)));
            Node series = study.child(text(v.get(SERIES_INSTANCE_UID)), () -> new Node("SERIES", keys(v, SERIES_KEYS, charset)));
            RecordType type = RecordType.of(text(v.get(SOP_CLASS_UID)));
            Node image = new Node(type.name, keys(v, type.keys, charset));
            for (int tag : type.conditional) {
                if (v.get(tag) != null && text(v.get(tag)).length() > 0) {
                    image.keys.put(tag, element(tag, VR.get(tag), v.get(tag), (byte) ' '));
                }
            }
            if (type.sequences.length > 0) {
                boolean verified = type == RecordType.SR_DOCUMENT && !image.keys.containsKey(VERIFICATION_DATETIME)
                        && text(v.get(VERIFICATION_FLAG)).equals("VERIFIED");
                image.keys.putAll(DicomDirSequences.read(entry.source(), type.sequences, verified));
            }
            image.reference = new TreeMap<>(Map.of(
                    0x00041500, element(0x00041500, "CS", ascii(String.join("\\", entry.fileId())), (byte) ' '),
                    0x00041510, element(0x00041510, "UI", v.get(SOP_CLASS_UID), (byte) 0),
                    0x00041511, element(0x00041511, "UI", v.get(SOP_INSTANCE_UID), (byte) 0),
                    0x00041512, element(0x00041512, "UI", ascii(v.get(TRANSFER_SYNTAX_KEY) == null ? ""
                            : text(v.get(TRANSFER_SYNTAX_KEY))), (byte) 0)));
            series.children.put(entry.fileId().toString(), image);
        }
        return encode(new ArrayList<>(patients.values()), fileSetId);
    }

    /** Where the file's transfer syntax is kept among its values (not a data-set tag). */
    private static final int TRANSFER_SYNTAX_KEY = 0x00020010;

    private static Map<Integer, byte[]> read(Path file) throws IOException, InvalidDicomFile {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Part10File.Meta meta = Part10File.readMeta(ch);
            TransferSyntaxes.Encoding encoding = Part10File.encoding(meta)
                    .orElseThrow(() -> new InvalidDicomFile("unsupported or missing transfer syntax"));
            DataSetWalker.RawValues raw;
            boolean image = RecordType.of(meta.get(Part10File.MEDIA_STORAGE_SOP_CLASS)) == RecordType.IMAGE;
            try {
                raw = DataSetWalker.readHeader(ch, meta.dataSetOffset(), encoding,
                        image ? WANTED : WANTED_DOCUMENT, image ? INSTANCE_NUMBER : LAST_DOCUMENT_KEY);
            } catch (DataSetWalker.MalformedDataSetException e) {
                throw new InvalidDicomFile("malformed data set: " + e.getMessage(), e);
            }
            Map<Integer, byte[]> values = new java.util.HashMap<>(raw.values());
            values.put(SOP_CLASS_UID, ascii(meta.get(Part10File.MEDIA_STORAGE_SOP_CLASS)));
            values.put(SOP_INSTANCE_UID, ascii(meta.get(Part10File.MEDIA_STORAGE_SOP_INSTANCE)));
            values.put(TRANSFER_SYNTAX_KEY, ascii(meta.get(Part10File.TRANSFER_SYNTAX)));
            return values;
        }
    }

    private static TreeMap<Integer, byte[]> keys(Map<Integer, byte[]> v, int[] tags, byte[] charset) {
        TreeMap<Integer, byte[]> keys = new TreeMap<>();
        if (charset != null && text(charset).length() > 0) {
            keys.put(SPECIFIC_CHARACTER_SET, element(SPECIFIC_CHARACTER_SET, "CS", charset, (byte) ' '));
        }
        for (int tag : tags) {
            String vr = VR.get(tag);
            keys.put(tag, element(tag, vr, v.get(tag), vr.equals("UI") ? (byte) 0 : (byte) ' '));
        }
        return keys;
    }

    /** A record of the directory tree. */
    private static final class Node {
        final String type;
        final TreeMap<Integer, byte[]> keys;
        TreeMap<Integer, byte[]> reference = new TreeMap<>();
        final Map<String, Node> children = new LinkedHashMap<>();
        long offset;

        Node(String type, TreeMap<Integer, byte[]> keys) {
            this.type = type;
            this.keys = keys;
        }

        Node child(String key, java.util.function.Supplier<Node> create) {
            return children.computeIfAbsent(key, k -> create.get());
        }

        /** The encoded item: item tag + length + the four link elements, the reference and the keys. */
        int itemLength() {
            int n = 8 + 12 + 10 + 12 + 8 + padded(type.length());
            for (byte[] e : reference.values()) {
                n += e.length;
            }
            for (byte[] e : keys.values()) {
                n += e.length;
            }
            return n;
        }
    }

    private static byte[] encode(List<Node> roots, String fileSetId) throws IOException {
        byte[] meta = meta(newUid());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        writeElement(head, 0x00041130, "CS", pad(ascii(fileSetId), (byte) ' '));
        int firstOffsetPosition = head.size() + 8;
        writeElement(head, 0x00041200, "UL", new byte[4]);
        int lastOffsetPosition = head.size() + 8;
        writeElement(head, 0x00041202, "UL", new byte[4]);
        writeElement(head, 0x00041212, "US", new byte[2]);
        // (0004,1220) Directory Record Sequence, undefined length
        head.writeBytes(new byte[] {0x04, 0x00, 0x20, 0x12, 'S', 'Q', 0, 0, -1, -1, -1, -1});
        List<Node> order = new ArrayList<>();
        for (Node root : roots) {
            preorder(root, order);
        }
        long position = meta.length + head.size();
        for (Node node : order) {
            node.offset = position;
            position += node.itemLength();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) position + 8);
        out.writeBytes(meta);
        byte[] headBytes = head.toByteArray();
        if (!roots.isEmpty()) {
            putInt(headBytes, firstOffsetPosition, roots.get(0).offset);
            putInt(headBytes, lastOffsetPosition, roots.get(roots.size() - 1).offset);
        }
        out.writeBytes(headBytes);
        writeSiblings(roots, out);
        out.writeBytes(new byte[] {-2, -1, -35, -32, 0, 0, 0, 0}); // (FFFE,E0DD) sequence delimiter
        return out.toByteArray();
    }

    private static void preorder(Node node, List<Node> order) {
        order.add(node);
        for (Node child : node.children.values()) {
            preorder(child, order);
        }
    }

    private static void writeSiblings(List<Node> siblings, ByteArrayOutputStream out) {
        for (int i = 0; i < siblings.size(); i++) {
            Node node = siblings.get(i);
            long next = i + 1 < siblings.size() ? siblings.get(i + 1).offset : 0;
            List<Node> children = new ArrayList<>(node.children.values());
            long lower = children.isEmpty() ? 0 : children.get(0).offset;
            int length = node.itemLength() - 8;
            out.writeBytes(new byte[] {-2, -1, 0, -32});
            out.writeBytes(le32(length));
            writeElement(out, 0x00041400, "UL", le32(next));
            writeElement(out, 0x00041410, "US", new byte[] {-1, -1});
            writeElement(out, 0x00041420, "UL", le32(lower));
            writeElement(out, 0x00041430, "CS", pad(ascii(node.type), (byte) ' '));
            node.reference.values().forEach(out::writeBytes);
            node.keys.values().forEach(out::writeBytes);
            writeSiblings(children, out);
        }
    }

    /** Preamble, DICM and the file meta group of the DICOMDIR itself. */
    private static byte[] meta(String instanceUid) {
        ByteArrayOutputStream group = new ByteArrayOutputStream();
        group.writeBytes(new byte[] {2, 0, 1, 0, 'O', 'B', 0, 0, 2, 0, 0, 0, 0, 1});
        writeElement(group, 0x00020002, "UI", pad(ascii(SOP_CLASS), (byte) 0));
        writeElement(group, 0x00020003, "UI", pad(ascii(instanceUid), (byte) 0));
        writeElement(group, 0x00020010, "UI", pad(ascii(EXPLICIT_LE), (byte) 0));
        writeElement(group, 0x00020012, "UI", pad(ascii(Pdus.IMPLEMENTATION_CLASS_UID), (byte) 0));
        writeElement(group, 0x00020013, "SH", pad(ascii(Pdus.IMPLEMENTATION_VERSION), (byte) ' '));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes(ascii("DICM"));
        writeElement(out, 0x00020000, "UL", le32(group.size()));
        out.writeBytes(group.toByteArray());
        return out.toByteArray();
    }

    /** A fresh UID under the UUID root (PS3.5 B.2). */
    static String newUid() {
        UUID u = UUID.randomUUID();
        BigInteger value = new BigInteger(1, java.nio.ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
        return "2.25." + value;
    }

    private static byte[] element(int tag, String vr, byte[] value, byte padding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] v = value == null ? new byte[0] : value;
        writeElement(out, tag, vr, pad(v.length > 0xFFF0 ? Arrays.copyOf(v, 0xFFF0) : v, padding));
        return out.toByteArray();
    }

    private static void writeElement(ByteArrayOutputStream out, int tag, String vr, byte[] value) {
        out.write(tag >>> 16);
        out.write(tag >>> 24);
        out.write(tag);
        out.write(tag >>> 8);
        out.write(vr.charAt(0));
        out.write(vr.charAt(1));
        out.write(value.length);
        out.write(value.length >>> 8);
        out.writeBytes(value);
    }

    private static byte[] pad(byte[] value, byte padding) {
        if (value.length % 2 == 0) {
            return value;
        }
        byte[] padded = Arrays.copyOf(value, value.length + 1);
        padded[value.length] = padding;
        return padded;
    }

    private static int padded(int n) {
        return n + (n % 2);
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static void putInt(byte[] b, int at, long v) {
        System.arraycopy(le32(v), 0, b, at, 4);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.ISO_8859_1).replace("\0", "").strip();
    }
}
