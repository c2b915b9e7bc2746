// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Crash safety: from just before the move into the store until the index row is durable, an entry in the
 * {@link StoreJournal} (the target path and the calling AE title) is open. The row is committed before the
 * sender hears success, but on the embedded database it reaches the file a moment later (H2 writes committed
 * changes in batches); so after the commit the entry goes to {@code committedEntries}, which ends it once the
 * row is durable ({@link DurableMarkers}), or at once on a database whose commits are durable. Should the
 * process die meanwhile, {@link #recover} (run at the next start, before the listener accepts anything) indexes
 * again each file of an open entry that is in the store without its row (it is a complete, checked object:
 * files are moved in only whole), or, when that is refused, deletes it and puts back the file it was
 * replacing — so a kill leaves neither a file without its row nor the reverse, and loses no image the sender
 * was told is stored.
 */
public class IngestHandler implements StoreHandler {

    private static final System.Logger LOG = System.getLogger(IngestHandler.class.getName());
    static final int ATTEMPTS = 3;
    private static final String REPLACED_SUFFIX = ".replaced";

    /** The calling AE title recorded for a file whose marker names none (written by an older version). */
    static final String UNKNOWN_CALLER = StoreJournal.UNKNOWN_CALLER;
    /** For a database whose commits are durable when they return: a committed object's entry ends at once. */
    public static final Consumer<StoreJournal.Entry> END_AT_ONCE = StoreJournal.Entry::end;

    private final Path storeRoot;
    private final StoreJournal journal;
    private final String defaultIssuer;
    private final StudyIndex index;
    private final Consumer<AssociationSummary> associations;
    private final Consumer<StoreJournal.Entry> committedEntries;
    /** The index session of each association with an object stored, until the association ends. */
    private final Map<Long, StudyIndex.Session> sessions = new ConcurrentHashMap<>();
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
                associations, END_AT_ONCE);
    }

    /**
     * @param journal          the journal directory (created if missing): a new {@link StoreJournal} is opened
     *                         there; run {@link #recover} on it first
     * @param committedEntries given the journal entry of each object whose row has committed; ends it once the
     *                         row is durable ({@link #END_AT_ONCE} when commits are durable)
     * @throws UncheckedIOException when the journal cannot be opened
     */
    public IngestHandler(Path storeRoot, Path journal, String defaultIssuer, StudyIndex index,
            Consumer<AssociationSummary> associations, Consumer<StoreJournal.Entry> committedEntries) {
        this.storeRoot = Objects.requireNonNull(storeRoot, "storeRoot");
        try {
            this.journal = StoreJournal.open(Objects.requireNonNull(journal, "journal"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ingest journal in " + journal, e);
        }
        this.defaultIssuer = Objects.requireNonNull(defaultIssuer, "defaultIssuer");
        this.index = Objects.requireNonNull(index, "index");
        this.associations = Objects.requireNonNull(associations, "associations");
        this.committedEntries = Objects.requireNonNull(committedEntries, "committedEntries");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * A C-STORE: indexed through the association's own {@link StudyIndex.Session} (opened at its first object,
     * closed when it ends), which keeps a database connection for its objects.
     */
    @Override
    public StoreStatus stored(ReceivedObject object) throws StoreFailure {
        ingest(object, sessions.computeIfAbsent(object.associationId(), id -> index.openSession()));
        return StoreStatus.SUCCESS;
    }

    /**
     * The same path for objects that came other than by C-STORE (STOW-RS, a CD): moves the file at
     * {@link ReceivedObject#file()} into the store and indexes it.
     *
     * @return true when the SOP instance is new, false when it was stored before (its file replaced)
     */
    public boolean ingest(ReceivedObject object) throws StoreFailure {
        return ingest(object, index);
    }

    private boolean ingest(ReceivedObject object, StudyIndex index) throws StoreFailure {
        var header = object.header();
        if (!StorePaths.isUid(object.sopInstanceUid()) || !StorePaths.isUid(header.studyInstanceUid())
                || !StorePaths.isUid(header.seriesInstanceUid())) {
            throw new StoreFailure(Category.CANNOT_UNDERSTAND, "missing or invalid study, series or SOP instance UID");
        }
        String relative = StorePaths.relative(header.studyInstanceUid(), header.seriesInstanceUid(),
                object.sopInstanceUid());
        IncomingInstance incoming = IncomingInstance.of(object, relative, defaultIssuer);
        synchronized (stripes[Math.floorMod(object.sopInstanceUid().hashCode(), stripes.length)]) {
            StoreJournal.Entry entry;
            try {
                entry = journal.begin(relative, object.callingAeTitle());
            } catch (IOException e) {
                throw failure("cannot write the ingest journal", e);
            }
            boolean created;
            try {
                created = store(object.file(), storeRoot.resolve(relative), incoming, index);
            } catch (StoreFailure | RuntimeException e) {
                entry.end(); // nothing committed: the files are as they were
                throw e;
            }
            committedEntries.accept(entry);
            return created;
        }
    }

    /** Indexes a file found in the store at recovery; see {@link #recover}. */
    @FunctionalInterface
    public interface Reindexer {
        /**
         * @param file           the complete object in the store
         * @param relative       its store-relative path
         * @param callingAeTitle who sent it, as the marker recorded
         * @return true when the file is now indexed at {@code relative}, false when the index refuses it
         * @throws RuntimeException when the index cannot be written now (the marker stays for the next start)
         */
        boolean reindex(Path file, String relative, String callingAeTitle);
    }

    /**
     * Settles what a killed process left between moving a file into the store and its index row becoming
     * durable. For each open entry of the {@link StoreJournal} in {@code journal}: if the index has the SOP
     * instance at that path with the size of the file now there, the file stays; if the file is there without
     * its row (the commit, or the write of a committed row, was lost) it is indexed again by {@code reindex}; if
     * that refuses it, or there is no file, the file is deleted and a kept-aside previous file is put back.
     * A journal file is deleted once everything in it is settled; one whose entry cannot be settled now (the
     * database is down) stays for the next start. Call before the listener starts.
     *
     * @param indexedSize the indexed file size of a SOP instance stored at the given relative path, if any
     * @return the number of entries settled
     */
    public static int recover(Path storeRoot, Path journal, Function<String, Optional<Long>> indexedSize,
            Reindexer reindex) {
        List<StoreJournal.InFlight> pending;
        try {
            pending = StoreJournal.pending(journal);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Cannot read the ingest journal " + journal, e);
            return 0;
        }
        Map<Path, Boolean> settledFiles = new LinkedHashMap<>();
        int handled = 0;
        for (StoreJournal.InFlight entry : pending) {
            settledFiles.putIfAbsent(entry.source(), true);
            String relative = entry.relative();
            Path target = storeRoot.resolve(relative).normalize();
            if (!target.startsWith(storeRoot) || target.equals(storeRoot)) {
                continue;
            }
            Path replaced = target.resolveSibling(target.getFileName() + REPLACED_SUFFIX);
            String outcome;
            try {
                outcome = settle(target, relative, replaced, entry.callingAeTitle(), indexedSize, reindex);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Cannot settle the in-flight store of " + relative
                        + " now; it is tried again at the next start", e);
                settledFiles.put(entry.source(), false);
                continue;
            }
            LOG.log(Level.INFO, "Recovered in-flight store of {0}: {1}", relative, outcome);
            handled++;
        }
        try (var files = Files.list(journal)) {
            // segments with nothing open (a clean stop leaves none, a kill one per process) go too
            files.filter(f -> f.getFileName().toString().endsWith(StoreJournal.SUFFIX)).forEach(f -> settledFiles.putIfAbsent(f, true));
        } catch (IOException e) {
            // nothing to tidy
        }
        settledFiles.forEach((file, settled) -> {
            if (settled) {
                deleteQuietly(file);
            }
        });
        return handled;
    }

    private static String settle(Path target, String relative, Path replaced, String callingAe,
            Function<String, Optional<Long>> indexedSize, Reindexer reindex) {
        if (Files.exists(target)) {
            Optional<Long> size = indexedSize.apply(relative);
            if (size.isPresent() && sizeOf(target) == size.get()) {
                deleteQuietly(replaced);
                return "kept";
            }
            if (reindex.reindex(target, relative, callingAe)) {
                deleteQuietly(replaced);
                return "indexed again";
            }
            deleteQuietly(target);
        }
        if (Files.exists(replaced)) {
            try {
                move(replaced, target);
            } catch (IOException e) {
                LOG.log(Level.ERROR, "Cannot put back " + replaced, e);
            }
        }
        return "rolled back";
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private boolean store(Path temp, Path target, IncomingInstance incoming, StudyIndex index) throws StoreFailure {
        Path replaced = target.resolveSibling(target.getFileName() + REPLACED_SUFFIX);
        boolean hadOld;
        try {
            hadOld = Files.exists(target);
            if (hadOld) {
                move(target, replaced);
            }
        } catch (IOException e) {
            throw failure("cannot prepare the store directory", e);
        }
        try {
            try {
                move(temp, target);
            } catch (NoSuchFileException e) {
                // the first object of its series: make the directory (not done per object: it costs two calls)
                Files.createDirectories(target.getParent());
                move(temp, target);
            }
        } catch (IOException e) {
            restore(replaced, target, hadOld);
            throw failure("cannot move the received file into the store", e);
        }
        IndexResult result;
        try {
            result = indexWithRetry(incoming, index);
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

    private static IndexResult indexWithRetry(IncomingInstance incoming, StudyIndex index) throws StoreFailure {
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
        StudyIndex.Session session = sessions.remove(summary.associationId());
        if (session != null) {
            session.close();
        }
        try {
            associations.accept(summary);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot record the end of association " + summary.associationId(), e);
        }
    }

    /** Closes the journal; call after the last committed entry has been handed on (and settled). */
    public void close() {
        sessions.values().removeIf(s -> {
            s.close();
            return true;
        });
        journal.close();
    }

    /** Journal entries begun and not yet ended. */
    public int openJournalEntries() {
        return journal.open();
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
