// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.imageshare.platform.control.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks on an uploaded CD archive. */
class MediaArchiveTest {

    @TempDir
    Path dir;

    @Test
    void namesThatClimbOutOrAreAbsoluteAreUnsafe() {
        assertTrue(MediaArchive.isSafeName("DICOM/ST1/IM1"));
        assertTrue(MediaArchive.isSafeName("CD..1/IM1"));
        assertFalse(MediaArchive.isSafeName("../IM1"));
        assertFalse(MediaArchive.isSafeName("DICOM/../../IM1"));
        assertFalse(MediaArchive.isSafeName("DICOM\\..\\IM1"));
        assertFalse(MediaArchive.isSafeName("/etc/passwd"));
        assertFalse(MediaArchive.isSafeName("C:/x"));
        assertFalse(MediaArchive.isSafeName("a\u0000b"));
        assertEquals("DICOMDIR", MediaArchive.baseName("cd/dicomdir"));
    }

    @Test
    void tooManyEntriesTooMuchDataAndHighRatiosAreRefused() throws IOException {
        Path zip = zip(3, 2 << 20);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertEquals(3, MediaArchive.check(file, new MediaArchive.Limits(3, 3 << 20, 10 << 20, 2000)).size());
            assertThrows(InvalidInput.class, () -> MediaArchive.check(file, new MediaArchive.Limits(2, 3 << 20, 10 << 20, 2000)));
            assertThrows(InvalidInput.class, () -> MediaArchive.check(file, new MediaArchive.Limits(3, 1 << 20, 10 << 20, 2000)));
            assertThrows(InvalidInput.class, () -> MediaArchive.check(file, new MediaArchive.Limits(3, 3 << 20, 5 << 20, 2000)));
            InvalidInput bomb = assertThrows(InvalidInput.class,
                    () -> MediaArchive.check(file, MediaArchive.Limits.DEFAULT));
            assertTrue(bomb.getMessage().contains("zip bomb"), bomb.getMessage());
        }
    }

    @Test
    void anEntryIsCopiedAtMostAsLongAsDeclared() throws IOException {
        Path zip = zip(1, 1000);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.entries().nextElement();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MediaArchive.copy(file, entry, out);
            assertEquals(1000, out.size());
            ZipEntry lying = new ZipEntry(entry);
            lying.setSize(10);
            assertThrows(MediaArchive.EntryTooLong.class, () -> MediaArchive.copy(file, lying, OutputStream.nullOutputStream()));
        }
    }

    /** A ZIP of {@code n} entries of {@code size} zero bytes each (they compress about 1000:1). */
    private Path zip(int n, int size) throws IOException {
        Path zip = dir.resolve("t" + n + "-" + size + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < n; i++) {
                out.putNextEntry(new ZipEntry("DICOM/IM" + i));
                out.write(new byte[size]);
            }
        }
        return zip;
    }
}
