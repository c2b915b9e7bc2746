// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.control.RequestOrigin;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.dicom.InvalidDicomFile;
import org.imageshare.dicom.Part10File;
import org.imageshare.dicom.ReceivedObject;
import org.imageshare.dicom.StoreFailure;
import org.imageshare.ingest.control.ImportedObject;
import org.imageshare.ingest.control.ImportedObject.Outcome;
import org.imageshare.staff.entity.StaffRole;

/**
 * Objects that reach ImageShare other than by C-STORE — STOW-RS and CD import by staff — take the same
 * path as C-STORE: the Part 10 file is checked, moved into the store, indexed, matched to its patient and
 * audited ({@code STUDY_MATCHED}/{@code STUDY_UNMATCHED} per new study, one line per batch). A refused
 * file leaves nothing behind. Each object is indexed in its own transaction (as by C-STORE).
 */
@Stateless
@RolesAllowed({StaffRole.REGISTRAR, StaffRole.ADMIN})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ObjectImport {

    /** How objects came in: the calling AE title recorded on a new study and in the audit actor. */
    public enum Source {
        STOW("STOW-RS", AuditAction.DICOMWEB_STORED), MEDIA("MEDIA-IMPORT", AuditAction.MEDIA_IMPORTED);

        private final String aeTitle;
        private final AuditAction action;

        Source(String aeTitle, AuditAction action) {
            this.aeTitle = aeTitle;
            this.action = action;
        }
    }

    /** Study Instance UID differs from the one in the STOW-RS URL (PS3.18 10.5.3: failed, not stored). */
    public static final int STUDY_MISMATCH = 0xA900;
    public static final int CANNOT_UNDERSTAND = 0xC000;
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int PROCESSING_FAILURE = 0x0110;

    private static final System.Logger LOG = System.getLogger(ObjectImport.class.getName());

    @Inject
    DicomIngest ingest;

    @Inject
    RequestOrigin origin;

    @Inject
    Event<AuditEvent> audit;

    /** A new empty temporary file for one uploaded object, next to the store (so the move is a rename). */
    public Path newUploadFile() throws IOException {
        Path dir = Files.createDirectories(ingest.incomingDirectory());
        return Files.createTempFile(dir, "upload-", ".part");
    }

    /**
     * Checks and stores one uploaded Part 10 file; the temporary file is gone afterwards whatever happened.
     *
     * @param requiredStudy when present, objects of another study are refused ({@link #STUDY_MISMATCH})
     */
    public ImportedObject importFile(String name, Path upload, Source source, Optional<String> requiredStudy) {
        try {
            Part10File.Inspected file;
            try {
                file = Part10File.inspect(upload);
            } catch (InvalidDicomFile e) {
                return ImportedObject.rejected(name, CANNOT_UNDERSTAND, e.getMessage());
            } catch (IOException e) {
                return ImportedObject.rejected(name, PROCESSING_FAILURE, "the upload cannot be read");
            }
            String study = file.header().studyInstanceUid();
            if (requiredStudy.isPresent() && !requiredStudy.get().equals(study)) {
                return new ImportedObject(name, Outcome.REJECTED, file.sopClassUid(), file.sopInstanceUid(), study,
                        file.header().seriesInstanceUid(), STUDY_MISMATCH, "the object belongs to another study than the request names");
            }
            String address = origin.address();
            ReceivedObject object = new ReceivedObject(0, source.aeTitle,
                    InetSocketAddress.createUnresolved(address == null ? "unknown" : address, 0),
                    file.sopClassUid(), file.sopInstanceUid(), file.transferSyntaxUid(), upload, file.fileSize(),
                    file.header());
            try {
                boolean created = ingest.handler().ingest(object);
                return new ImportedObject(name, created ? Outcome.STORED : Outcome.DUPLICATE, file.sopClassUid(),
                        file.sopInstanceUid(), study, file.header().seriesInstanceUid(), 0, created ? "stored" : "already stored (replaced)");
            } catch (StoreFailure e) {
                return new ImportedObject(name, Outcome.REJECTED, file.sopClassUid(), file.sopInstanceUid(), study,
                        file.header().seriesInstanceUid(), e.category().status(), reason(e.category()));
            }
        } finally {
            try {
                Files.deleteIfExists(upload);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot delete upload {0}", upload.getFileName());
            }
        }
    }

    /** One audit line per request or import: counts only, no patient data. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void recordBatch(Source source, String what, int stored, int duplicates, int rejected, int skipped) {
        if (stored + duplicates + rejected + skipped == 0) {
            return;
        }
        audit.fire(AuditEvent.byCaller(source.action, null, what + ": stored " + stored + ", duplicates "
                + duplicates + ", rejected " + rejected + ", skipped " + skipped));
    }

    private static String reason(StoreFailure.Category category) {
        return switch (category) {
            case OUT_OF_RESOURCES -> "out of resources (disk full?)";
            case CANNOT_UNDERSTAND -> "missing or invalid study, series or SOP instance UID";
            case PROCESSING_FAILURE -> "refused: it contradicts what is stored (another patient or study) "
                    + "or the index could not be written";
        };
    }
}
