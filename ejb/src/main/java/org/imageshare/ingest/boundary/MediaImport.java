// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.imageshare.ingest.control.ImportedObject;
import org.imageshare.ingest.control.MediaArchive;
import org.imageshare.ingest.control.MediaImportResult;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.staff.entity.StaffRole;

/**
 * Staff import an outside CD/DVD: a ZIP of it, or its files one by one (a folder upload). Every DICOM
 * Part 10 file goes through the C-STORE ingest path ({@link ObjectImport}); DICOMDIR files and anything
 * that is not DICOM (viewer programs, autorun files) are skipped and listed. A refused archive (not a ZIP,
 * unsafe names, too large, a zip bomb) imports nothing; the upload is deleted afterwards in every case.
 */
@Stateless
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaImport {

    private static final System.Logger LOG = System.getLogger(MediaImport.class.getName());
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP_MAGIC = {'P', 'K', 5, 6};

    @Inject
    ObjectImport objects;

    /** A new temporary file for an upload (deleted by {@link #importUpload}). */
    public Path newUploadFile() throws IOException {
        return objects.newUploadFile();
    }

    /**
     * Imports one uploaded file: a ZIP archive of a CD, or a single file of one.
     *
     * @param name the uploaded file's name (for the result list only)
     * @throws InvalidInput when the upload is refused as a whole
     */
    public MediaImportResult importUpload(String name, Path upload) {
        try {
            byte[] head = head(upload);
            if (startsWith(head, ZIP_MAGIC) || startsWith(head, EMPTY_ZIP_MAGIC)) {
                return archive(name, upload);
            }
            String base = MediaArchive.baseName(name == null ? "" : name);
            ImportedObject one;
            if (base.equals("DICOMDIR")) {
                one = ImportedObject.skipped(name, "DICOMDIR: the CD's index, not an image");
                Files.deleteIfExists(upload);
            } else if (isPart10(head)) {
                one = objects.importFile(name, upload, ObjectImport.Source.MEDIA, Optional.empty());
            } else {
                Files.deleteIfExists(upload);
                throw new InvalidInput("file", "not a ZIP archive and not a DICOM file");
            }
            MediaImportResult result = new MediaImportResult(name, List.of(one), null);
            record(result);
            return result;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read an uploaded file", e);
            throw new InvalidInput("file", "the upload cannot be read");
        } finally {
            deleteQuietly(upload);
        }
    }

    private MediaImportResult archive(String name, Path upload) throws IOException {
        List<ImportedObject> results = new ArrayList<>();
        String stopped = null;
        try (ZipFile zip = new ZipFile(upload.toFile())) {
            List<ZipEntry> entries = MediaArchive.check(zip, MediaArchive.Limits.DEFAULT);
            for (ZipEntry entry : entries) {
                String entryName = entry.getName();
                if (MediaArchive.baseName(entryName).equals("DICOMDIR")) {
                    results.add(ImportedObject.skipped(entryName, "DICOMDIR: the CD's index, not an image"));
                    continue;
                }
                Path file = objects.newUploadFile();
                try {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        MediaArchive.copy(zip, entry, out);
                    }
                } catch (MediaArchive.EntryTooLong e) {
                    deleteQuietly(file);
                    results.add(ImportedObject.rejected(entryName, ObjectImport.CANNOT_UNDERSTAND,
                            "longer than its archive header says"));
                    stopped = "the archive is forged (an entry is longer than declared); the rest was not imported";
                    break;
                } catch (ZipException e) {
                    deleteQuietly(file);
                    results.add(ImportedObject.rejected(entryName, ObjectImport.CANNOT_UNDERSTAND,
                            "cannot be unpacked (corrupt or encrypted entry)"));
                    continue;
                }
                if (!isPart10(head(file))) {
                    deleteQuietly(file);
                    results.add(ImportedObject.skipped(entryName, "not a DICOM file"));
                    continue;
                }
                results.add(objects.importFile(entryName, file, ObjectImport.Source.MEDIA, Optional.empty()));
            }
        } catch (ZipException e) {
            throw new InvalidInput("file", "not a readable ZIP archive");
        }
        MediaImportResult result = new MediaImportResult(name, results, stopped);
        record(result);
        return result;
    }

    private void record(MediaImportResult r) {
        objects.recordBatch(ObjectImport.Source.MEDIA, "media import", (int) r.stored(), (int) r.duplicates(),
                (int) r.rejected(), (int) r.skipped());
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(132);
        }
    }

    private static boolean isPart10(byte[] head) {
        return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete upload {0}", file.getFileName());
        }
    }
}
