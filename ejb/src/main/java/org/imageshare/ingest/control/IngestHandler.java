// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.DirectoryStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
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
 *
 * <p>Crash safety: between the move into the store and the index commit, an empty marker named after the
 * target path lies in the journal directory. Should the process die in that window, {@link #recover} (run
 * at the next start, before the listener accepts anything) deletes the file that never got its row, or
 * puts back the file it was replacing — so a kill leaves neither a file without its row nor the reverse.
 */
public class IngestHandler implements StoreHandler {

    private static final System.Logger LOG = System.getLogger(IngestHandler.class.getName());
    static final int ATTEMPTS = 3;
    private static final String REPLACED_SUFFIX = ".replaced";

    private static final String MARKER_SEPARATOR = "~";

    private final Path storeRoot;
    private final Path journal;
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
        this(storeRoot, storeRoot.resolveSibling(storeRoot.getFileName() + "-journal"), defaultIssuer, index,
                associations);
    }

    /**
     * @param journal where in-flight markers live (created if missing); see {@link #recover}
     */
    public IngestHandler(Path storeRoot, Path journal, String defaultIssuer, StudyIndex index,
            Consumer<AssociationSummary> associations) {
        this.storeRoot = Objects.requireNonNull(storeRoot, "storeRoot");
        this.journal = Objects.requireNonNull(journal, "journal");
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
            Path marker = journal.resolve(relative.replace("/", MARKER_SEPARATOR));
            try {
                Files.createDirectories(journal);
                Files.write(marker, new byte[0]);
            } catch (IOException e) {
                throw failure("cannot write the journal marker", e);
            }
            try {
                return store(object.file(), storeRoot.resolve(relative), incoming);
            } finally {
                deleteQuietly(marker);
            }
        }
    }

    /**
     * Undoes what a killed process left between moving a file into the store and committing its index row.
     * For each marker in {@code journal}: if the index has the SOP instance at that path with the size of the
     * file now there, the file stays (and a kept-aside previous file is deleted); otherwise the file is deleted
     * and a kept-aside previous file is put back. Call before the listener starts.
     *
     * @param indexedSize the indexed file size of a SOP instance stored at the given relative path, if any
     * @return the number of markers handled
     */
    public static int recover(Path storeRoot, Path journal, Function<String, Optional<Long>> indexedSize) {
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        int handled = 0;
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(journal)) {
            for (Path marker : markers) {
                String relative = marker.getFileName().toString().replace(MARKER_SEPARATOR, "/");
                Path target = storeRoot.resolve(relative).normalize();
                if (!target.startsWith(storeRoot)) {
                    deleteQuietly(marker);
                    continue;
                }
                Path replaced = target.resolveSibling(target.getFileName() + REPLACED_SUFFIX);
                Optional<Long> size = indexedSize.apply(relative);
                boolean keep = size.isPresent() && Files.exists(target) && sizeOf(target) == size.get();
                if (keep) {
                    deleteQuietly(replaced);
                } else {
                    deleteQuietly(target);
                    if (Files.exists(replaced)) {
                        try {
                            move(replaced, target);
                        } catch (IOException e) {
                            LOG.log(Level.ERROR, "Cannot put back " + replaced, e);
                        }
                    }
                }
                LOG.log(Level.INFO, "Recovered in-flight store of {0}: {1}", relative, keep ? "kept" : "rolled back");
                deleteQuietly(marker);
                handled++;
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Cannot read the ingest journal " + journal, e);
        }
        return handled;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
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
