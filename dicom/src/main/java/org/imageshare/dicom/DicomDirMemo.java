// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The DICOMDIRs of the last few file sets archived, so that downloading the same study again (a second
 * recipient, a download retried) reads no header of its files again: building one reads every file's header
 * (tens of milliseconds for a 500-slice CT, before the first byte of the ZIP can go). Keyed by a SHA-256 over
 * every entry's File ID, path, size and modification time, so a file replaced or added builds a new one.
 * Bounded in entries and bytes; thread-safe.
 */
public final class DicomDirMemo {

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, byte[]> dirs = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public DicomDirMemo(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The DICOMDIR of these entries, from memory when the same files (same sizes and times) were seen. */
    public byte[] write(List<DicomDir.Entry> entries, String fileSetId) throws IOException, InvalidDicomFile {
        String key = key(entries, fileSetId);
        synchronized (this) {
            byte[] known = dirs.get(key);
            if (known != null) {
                return known.clone();
            }
        }
        byte[] dir = DicomDir.write(entries, fileSetId);
        remember(key, dir.clone());
        return dir;
    }

    synchronized int size() {
        return dirs.size();
    }

    private synchronized void remember(String key, byte[] dir) {
        if (dir.length > maxBytes) {
            return;
        }
        byte[] old = dirs.put(key, dir);
        bytes += dir.length - (old == null ? 0 : old.length);
        var oldest = dirs.values().iterator();
        while ((dirs.size() > maxEntries || bytes > maxBytes) && oldest.hasNext()) {
            bytes -= oldest.next().length;
            oldest.remove();
        }
    }

    private static String key(List<DicomDir.Entry> entries, String fileSetId) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(fileSetId.getBytes(StandardCharsets.UTF_8));
        for (DicomDir.Entry e : entries) {
            BasicFileAttributes a = Files.readAttributes(e.source(), BasicFileAttributes.class);
            String line = "\n" + String.join("/", e.fileId()) + "|" + e.source().toAbsolutePath() + "|" + a.size()
                    + "|" + a.lastModifiedTime().toMillis();
            sha.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
