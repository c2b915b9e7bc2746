// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.imageshare.audit.control.AuditEvent;
import org.imageshare.audit.entity.AuditAction;
import org.imageshare.dicom.DicomDirMemo;
import org.imageshare.dicom.InvalidDicomFile;
import org.imageshare.dicom.StudyArchive;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.NotFound;

/**
 * Builds the ZIP of one study for a {@link DownloadGrant}: checks the grant, reads the study's files from
 * the index, builds the DICOMDIR and audits {@code STUDY_DOWNLOADED} on the grant's account — in the
 * caller's transaction, before the first byte is sent. A study outside the grant is "not found", like an
 * unknown one.
 */
@ApplicationScoped
public class StudyDownloads {

    private static final System.Logger LOG = System.getLogger(StudyDownloads.class.getName());

    @Inject
    StudyFiles files;

    @Inject
    ImageShareConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<AuditEvent> audit;

    /** The DICOMDIRs of the last studies downloaded (a 500-slice CT's is about 0.2 MB). */
    private final DicomDirMemo dicomDirs = new DicomDirMemo(16, 16L << 20);

    @Transactional(TxType.MANDATORY)
    public PreparedDownload prepare(DownloadGrant grant, String studyInstanceUid) {
        if (studyInstanceUid == null || !grant.allows(studyInstanceUid)) {
            throw new NotFound("no such study");
        }
        List<StoredObject> objects = files.of(studyInstanceUid);
        if (objects.isEmpty()) {
            throw new NotFound("no such study");
        }
        StudyArchive archive;
        try {
            archive = archive(objects);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Cannot read the stored files of study " + studyInstanceUid, e);
            throw new UncheckedIOException("stored files of a study cannot be read", e);
        } catch (InvalidDicomFile e) {
            LOG.log(Level.ERROR, "A stored file of study " + studyInstanceUid + " is not readable", e);
            throw new IllegalStateException("a stored file is not readable", e);
        }
        audit.fire(AuditEvent.byCaller(AuditAction.STUDY_DOWNLOADED, grant.accountId(),
                grant.via() + ": study " + studyInstanceUid + ", " + archive.objectCount() + " objects"));
        return new PreparedDownload(archive, "study-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".zip");
    }

    /**
     * Builds, and remembers, the DICOMDIR of a study that is likely to be downloaded soon (it was just shared),
     * so that its first download reads no header of its files before the first byte (136 ms for a 500-slice CT
     * measured on a cold server). Nothing is sent and nothing audited. Best effort: false when it could not.
     */
    @Transactional(TxType.REQUIRED)
    public boolean prepareDicomDir(String studyInstanceUid) {
        List<StoredObject> objects = files.of(studyInstanceUid);
        if (objects.isEmpty()) {
            return false;
        }
        try {
            archive(objects);
            return true;
        } catch (IOException | InvalidDicomFile e) {
            LOG.log(Level.DEBUG, "DICOMDIR of a shared study not prepared: {0}", e.getClass().getName());
            return false;
        }
    }

    private StudyArchive archive(List<StoredObject> objects) throws IOException, InvalidDicomFile {
        return StudyArchive.of(objects.stream()
                .map(o -> new StudyArchive.Member(o.file(), o.studyInstanceUid(), o.seriesInstanceUid())).toList(),
                readme(), clock.millis(), dicomDirs);
    }

    private String readme() {
        return """
                DICOM images from %1$s
                ==========================================

                This archive holds one imaging study as the hospital stored it, exported by ImageShare on %2$s.
                It has the layout of a patient CD/DVD (IHE Portable Data for Imaging):

                  DICOMDIR   the index of all images (DICOM Media Storage Directory)
                  DICOM/     the images: one folder per study (STnnnnnn) and series (SEnnnnnn);
                             the files (IMnnnnnn) have no extension, as on any DICOM medium
                  README.TXT this text

                To look at the images: unzip the archive keeping its folders, then open the folder (or the
                DICOMDIR file) in a DICOM viewer.

                To import into a PACS or another DICOM system: unzip it and use the system's "import
                media / DICOMDIR" function on the folder, or send the files under DICOM/ with any DICOM
                sender, e.g. DCMTK:  storescu +sd +r <pacs-host> <port> DICOM

                The images carry the patient's name and identifiers as recorded by the hospital: treat them
                as confidential medical data and delete copies you no longer need.

                Questions? Contact %3$s.
                """.formatted(config.hospitalName(), LocalDate.now(clock.withZone(ZoneOffset.UTC)), config.helpContact());
    }
}
