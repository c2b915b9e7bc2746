// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.imageshare.platform.control.InvalidInput;

/**
 * The checks on an uploaded CD/DVD archive before anything of it is imported: it must be a ZIP; no entry
 * name may be absolute or climb out ({@code ..}); the number of entries, each entry's size, the total
 * size and the compression ratio are capped (zip bombs). Entry names are never used as file names: each
 * entry is copied to a fresh temporary file, at most as many bytes as its header declares.
 */
public final class MediaArchive {

    /** Caps for one archive. */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxRatio) {
        public static final Limits DEFAULT = new Limits(50_000, 2L << 30, 16L << 30, 500);
    }

    /** An entry's content was longer than its header said (a forged archive). */
    public static final class EntryTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        public EntryTooLong() {
            super("entry longer than declared");
        }
    }

    private MediaArchive() {
    }

    /**
     * The file entries (no directories) of a checked archive, in archive order.
     *
     * @throws InvalidInput with a reason fit for the user when the archive is refused as a whole
     */
    public static List<ZipEntry> check(ZipFile zip, Limits limits) {
        List<ZipEntry> files = new ArrayList<>();
        long total = 0;
        int count = 0;
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            if (++count > limits.maxEntries()) {
                throw new InvalidInput("file", "the archive has more than " + limits.maxEntries() + " entries");
            }
            if (!isSafeName(entry.getName())) {
                throw new InvalidInput("file", "the archive holds an unsafe entry name (absolute, or with ..): "
                        + "nothing was imported");
            }
            if (entry.isDirectory()) {
                continue;
            }
            long size = entry.getSize();
            long compressed = entry.getCompressedSize();
            if (size < 0 || size > limits.maxEntryBytes()) {
                throw new InvalidInput("file", "an entry of the archive is larger than " + limits.maxEntryBytes()
                        + " bytes (or of unknown size): nothing was imported");
            }
            if (compressed > 0 && size > (1L << 20) && size / compressed > limits.maxRatio()) {
                throw new InvalidInput("file", "an entry of the archive is compressed more than "
                        + limits.maxRatio() + ":1 (a zip bomb?): nothing was imported");
            }
            total += size;
            if (total > limits.maxTotalBytes()) {
                throw new InvalidInput("file", "the archive unpacks to more than " + limits.maxTotalBytes()
                        + " bytes: nothing was imported");
            }
            files.add(entry);
        }
        return files;
    }

    /** Relative, no {@code ..} segment, no drive letter, no control characters. */
    static boolean isSafeName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || (n.length() > 1 && n.charAt(1) == ':')) {
            return false;
        }
        for (char c : n.toCharArray()) {
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Copies one entry, at most its declared size; more is a forged archive. */
    public static void copy(ZipFile zip, ZipEntry entry, OutputStream out) throws IOException {
        long left = entry.getSize();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (n > left) {
                    throw new EntryTooLong();
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** The last path segment, upper-cased: {@code DICOMDIR} entries are the CD's index, not objects. */
    public static String baseName(String entryName) {
        String n = entryName.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1).toUpperCase(java.util.Locale.ROOT);
    }
}
