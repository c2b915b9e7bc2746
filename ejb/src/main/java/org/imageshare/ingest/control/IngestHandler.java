// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.function.Consumer;
import org.imageshare.dicom.AssociationSummary;
import org.imageshare.dicom.ReceivedObject;
import org.imageshare.dicom.StoreFailure;
import org.imageshare.dicom.StoreFailure.Category;
import org.imageshare.dicom.StoreHandler;
import org.imageshare.dicom.StoreStatus;
import org.imageshare.platform.control.ImageShareException;

/**
 * What happens to each object the DICOM listener received: the file is moved into the image store
 * (atomic rename), then indexed in one transaction that has committed when this handler returns — so the
 * sender's success follows the commit.
 *
 * <p>Guarantees: no index row without its file and no file without its row: when indexing fails the
 * moved file is deleted (and a replaced file put back). The same SOP Instance UID again is stored
 * again: the new file replaces the old one and the index keeps one row with the new file's attributes;
 * the answer is success. Statuses: disk full → out of resources (A700); a UID that is not a UID →
 * cannot understand (C000); any other failure → processing failure (0110). Logs carry UIDs, never
 * patient data.
 */
public class IngestHandler implements StoreHandler {

    private static final System.Logger LOG = System.getLogger(IngestHandler.class.getName());
    static final int ATTEMPTS = 3;
    private static final String REPLACED_SUFFIX = ".replaced";

    private final Path storeRoot;
    private final String defaultIssuer;
    private final StudyIndex index;
    private final Consumer<AssociationSummary> associations;
    /** Serialises two associations storing the same SOP instance (which would share one file name). */
    private final Object[] stripes = new Object[64];

    /**
     * @param storeRoot     the image store; on the same file system as the listener's temporary directory
     * @param defaultIssuer Issuer of Patient ID assumed when an object names none
     * @param index         writes the index (its own committed transaction per call)
     * @param associations  told about each finished association (audit)
     */
    public IngestHandler(Path storeRoot, String defaultIssuer, StudyIndex index,
            Consumer<AssociationSummary> associations) {
        this.storeRoot = Objects.requireNonNull(storeRoot, "storeRoot");
        this.defaultIssuer = Objects.requireNonNull(defaultIssuer, "defaultIssuer");
        this.index = Objects.requireNonNull(index, "index");
        this.associations = Objects.requireNonNull(associations, "associations");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public StoreStatus stored(ReceivedObject object) throws StoreFailure {
        ingest(object);
        return StoreStatus.SUCCESS;
    }

    /**
     * The same path for objects that came other than by C-STORE (STOW-RS, a CD): moves the file at
     * {@link ReceivedObject#file()} into the store and indexes it.
     *
     * @return true when the SOP instance is new, false when it was stored before (its file replaced)
     */
    public boolean ingest(ReceivedObject object) throws StoreFailure {
        var header = object.header();
        if (!StorePaths.isUid(object.sopInstanceUid()) || !StorePaths.isUid(header.studyInstanceUid())
                || !StorePaths.isUid(header.seriesInstanceUid())) {
            throw new StoreFailure(Category.CANNOT_UNDERSTAND, "missing or invalid study, series or SOP instance UID");
        }
        String relative = StorePaths.relative(header.studyInstanceUid(), header.seriesInstanceUid(),
                object.sopInstanceUid());
        IncomingInstance incoming = IncomingInstance.of(object, relative, defaultIssuer);
        synchronized (stripes[Math.floorMod(object.sopInstanceUid().hashCode(), stripes.length)]) {
            return store(object.file(), storeRoot.resolve(relative), incoming);
        }
    }

    private boolean store(Path temp, Path target, IncomingInstance incoming) throws StoreFailure {
        Path replaced = target.resolveSibling(target.getFileName() + REPLACED_SUFFIX);
        boolean hadOld;
        try {
            Files.createDirectories(target.getParent());
            hadOld = Files.exists(target);
            if (hadOld) {
                move(target, replaced);
            }
        } catch (IOException e) {
            throw failure("cannot prepare the store directory", e);
        }
        try {
            move(temp, target);
        } catch (IOException e) {
            restore(replaced, target, hadOld);
            throw failure("cannot move the received file into the store", e);
        }
        IndexResult result;
        try {
            result = indexWithRetry(incoming);
        } catch (StoreFailure | RuntimeException e) {
            deleteQuietly(target);
            restore(replaced, target, hadOld);
            throw e;
        }
        if (hadOld) {
            deleteQuietly(replaced);
        }
        result.obsoletePath().map(storeRoot::resolve).filter(p -> !p.equals(target)).ifPresent(IngestHandler::deleteQuietly);
        return result.newInstance();
    }

    private IndexResult indexWithRetry(IncomingInstance incoming) throws StoreFailure {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return index.index(incoming);
            } catch (ImageShareException e) {
                LOG.log(Level.WARNING, "Refused SOP instance {0}: {1}", incoming.sopInstanceUid(), e.getMessage());
                throw new StoreFailure(Category.PROCESSING_FAILURE, e.getMessage(), e);
            } catch (RuntimeException e) {
                last = e;
                LOG.log(Level.DEBUG, "Indexing SOP instance {0} failed (attempt {1})", incoming.sopInstanceUid(), attempt);
            }
        }
        LOG.log(Level.ERROR, "Cannot index SOP instance " + incoming.sopInstanceUid(), last);
        throw new StoreFailure(Category.PROCESSING_FAILURE, "the index could not be written", last);
    }

    @Override
    public void associationEnded(AssociationSummary summary) {
        try {
            associations.accept(summary);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot record the end of association " + summary.associationId(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void restore(Path replaced, Path target, boolean hadOld) {
        if (!hadOld) {
            return;
        }
        try {
            move(replaced, target);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Cannot put back the previous file " + target, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete " + path, e);
        }
    }

    /** Disk full is out of resources (the sender retries later); anything else a processing failure. */
    static StoreFailure failure(String message, IOException e) {
        return new StoreFailure(isDiskFull(e) ? Category.OUT_OF_RESOURCES : Category.PROCESSING_FAILURE, message, e);
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t instanceof FileSystemException fse ? fse.getReason() + " " + fse.getMessage() : t.getMessage();
            if (text != null && (text.contains("No space left") || text.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
