// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest journal: an append-only log of the objects between "about to be moved into the store" and "index
 * row durable" (see {@link IngestHandler}). One line is appended when an object's store begins
 * ({@code B <seq> <store-relative path> <calling AE>}) and one when it is settled ({@code E <seq>}): one write
 * to an open file per object instead of creating and deleting a marker file, which was the most expensive
 * file-system operation between receiving the last byte of an object and answering.
 *
 * <p>The log is a series of segment files ({@code ingest-<start>-<n>.journal}); when the current one has grown
 * past {@link #SEGMENT_BYTES} the next begin starts a new one, and a segment that is no longer current is
 * deleted as soon as all the entries begun in it have ended. Lines are written whole, in one {@code write} each
 * (a batch of ends in one); like the marker files before, they reach the page cache, not the disk, before the
 * answer: they survive a killed process, not a power cut (that needs PostgreSQL with synchronous commit, and
 * the same for the files).
 *
 * <p>At start, {@link #pending} reads what a previous process left: the entries begun and not ended, from
 * segments and from the single marker files of earlier versions. A torn last line (the process died inside the
 * write) is ignored: a begin that was not written whole was not followed by a move into the store.
 */
public final class StoreJournal implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoreJournal.class.getName());

    /** Size after which a new segment is started. */
    static final long SEGMENT_BYTES = 4L * 1024 * 1024;
    static final String SUFFIX = ".journal";
    /** Separates the path segments in the name of an earlier version's marker file. */
    private static final String LEGACY_SEPARATOR = "~";
    private static final String LEGACY_SEQUENCE = "#";
    /** The calling AE title recorded for an entry that names none (an earlier version's empty marker). */
    static final String UNKNOWN_CALLER = "UNKNOWN";

    private final Path directory;
    private final String prefix;
    private final long segmentBytes;
    private final AtomicLong sequence = new AtomicLong();
    private final Object lock = new Object();
    private Segment current;
    private int segments;
    private int openEntries;
    private boolean closed;

    /** An object whose store has begun; {@link #end()} once it is settled (durable or rolled back). */
    public static final class Entry {
        private final Segment segment;
        private final long sequence;
        private boolean ended;

        private Entry(Segment segment, long sequence) {
            this.segment = segment;
            this.sequence = sequence;
        }

        /** Records that this object is settled; a failure to write is logged (recovery then finds it settled). */
        public void end() {
            segment.journal().end(List.of(this));
        }

        long sequence() {
            return sequence;
        }
    }

    /** What a previous process left unsettled: one object, and where its entry came from. */
    public record InFlight(String relative, String callingAeTitle, Path source) {
    }

    private final class Segment {
        final Path file;
        final FileChannel channel;
        long bytes;
        int open;
        /** A write failed (e.g. the disk was full): a partial line may end the file, so nothing more goes into it. */
        boolean broken;

        Segment(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        StoreJournal journal() {
            return StoreJournal.this;
        }
    }

    private StoreJournal(Path directory, long segmentBytes) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.prefix = "ingest-" + System.currentTimeMillis() + "-";
    }

    /** Opens a new journal in {@code directory} (created if missing); earlier segments there are left alone. */
    public static StoreJournal open(Path directory) throws IOException {
        return open(directory, SEGMENT_BYTES);
    }

    static StoreJournal open(Path directory, long segmentBytes) throws IOException {
        Files.createDirectories(Objects.requireNonNull(directory, "directory"));
        StoreJournal journal = new StoreJournal(directory, segmentBytes);
        synchronized (journal.lock) {
            journal.current = journal.newSegment();
        }
        return journal;
    }

    /**
     * Records, before the object is moved into the store, that its store has begun.
     *
     * @throws IOException when the journal cannot be written (the object must then not be stored)
     */
    public Entry begin(String relative, String callingAeTitle) throws IOException {
        if (relative.indexOf(' ') >= 0 || relative.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not a store path");
        }
        String ae = callingAeTitle == null || callingAeTitle.isBlank() ? UNKNOWN_CALLER
                : callingAeTitle.strip().replace(' ', '_').replace('\n', '_');
        long seq = sequence.incrementAndGet();
        byte[] line = ("B " + seq + " " + relative + " " + ae + "\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (lock) {
            if (closed) {
                throw new IOException("the ingest journal is closed");
            }
            if (current.bytes >= segmentBytes || current.broken) {
                Segment previous = current;
                current = newSegment();
                deleteIfDone(previous);
            }
            write(current, line);
            current.open++;
            openEntries++;
            return new Entry(current, seq);
        }
    }

    /** Records that these objects are settled, in one write per segment. */
    public void end(Collection<Entry> entries) {
        Map<Segment, List<Entry>> bySegment = new LinkedHashMap<>();
        synchronized (lock) {
            for (Entry e : entries) {
                if (e.segment.journal() != this) {
                    throw new IllegalArgumentException("an entry of another journal");
                }
                if (!e.ended) {
                    e.ended = true;
                    bySegment.computeIfAbsent(e.segment, s -> new ArrayList<>()).add(e);
                }
            }
            for (Map.Entry<Segment, List<Entry>> m : bySegment.entrySet()) {
                Segment s = m.getKey();
                StringBuilder lines = new StringBuilder();
                m.getValue().forEach(e -> lines.append("E ").append(e.sequence).append('\n'));
                try {
                    if (s.channel.isOpen() && !s.broken) {
                        write(s, lines.toString().getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException ex) {
                    // the entries stay open in the file: recovery finds the objects indexed and keeps them
                    LOG.log(Level.WARNING, "Cannot write to the ingest journal: {0}", ex.toString());
                }
                s.open -= m.getValue().size();
                openEntries -= m.getValue().size();
                if (s != current) {
                    deleteIfDone(s);
                }
            }
        }
    }

    /** Ends these entries, whichever journal they belong to (one write per segment). */
    public static void endAll(Collection<Entry> entries) {
        Map<StoreJournal, List<Entry>> byJournal = new LinkedHashMap<>();
        entries.forEach(e -> byJournal.computeIfAbsent(e.segment.journal(), j -> new ArrayList<>()).add(e));
        byJournal.forEach(StoreJournal::end);
    }

    /** Entries begun and not yet ended by this process. */
    public int open() {
        synchronized (lock) {
            return openEntries;
        }
    }

    /** Closes the current segment; deleted if nothing in it is still open. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(current);
            if (current.open == 0) {
                deleteQuietly(current.file);
            }
        }
    }

    private Segment newSegment() throws IOException {
        Path file = directory.resolve(prefix + (++segments) + SUFFIX);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return new Segment(file, channel);
    }

    /** Appends whole lines; after a failed write the segment takes no more (see {@link Segment#broken}). */
    private static void write(Segment s, byte[] bytes) throws IOException {
        if (s.broken) {
            throw new IOException("an earlier write to this journal segment failed");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            while (buffer.hasRemaining()) {
                s.bytes += s.channel.write(buffer);
            }
        } catch (IOException e) {
            s.broken = true;
            throw e;
        }
    }

    /** For tests: makes the next write to the current segment fail, as a full disk would. */
    void failNextWrite() throws IOException {
        synchronized (lock) {
            current.channel.close();
        }
    }

    private void deleteIfDone(Segment s) {
        if (s.open == 0) {
            closeQuietly(s);
            deleteQuietly(s.file);
        }
    }

    private static void closeQuietly(Segment s) {
        try {
            s.channel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot close the ingest journal segment {0}", s.file.getFileName());
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete {0}", p);
        }
    }

    /**
     * What earlier processes left in {@code directory}: entries begun and not ended, in the order they were
     * begun (segment by segment), and the marker files of earlier versions. Reads only.
     */
    public static List<InFlight> pending(Path directory) throws IOException {
        List<InFlight> result = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return result;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(directory)) {
            all.forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(SUFFIX)) {
                result.addAll(readSegment(file));
            } else {
                int sequence = name.indexOf(LEGACY_SEQUENCE);
                String relative = (sequence < 0 ? name : name.substring(0, sequence)).replace(LEGACY_SEPARATOR, "/");
                result.add(new InFlight(relative, legacyCaller(file), file));
            }
        }
        return result;
    }

    private static List<InFlight> readSegment(Path file) throws IOException {
        Map<Long, InFlight> begun = new LinkedHashMap<>();
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        int start = 0;
        for (int nl; (nl = text.indexOf('\n', start)) >= 0; start = nl + 1) { // a torn last line has no newline
            String[] f = text.substring(start, nl).split(" ");
            try {
                if (f.length == 4 && f[0].equals("B")) {
                    begun.put(Long.parseLong(f[1]), new InFlight(f[2], f[3], file));
                } else if (f.length == 2 && f[0].equals("E")) {
                    begun.remove(Long.parseLong(f[1]));
                } else {
                    LOG.log(Level.WARNING, "Unreadable line in the ingest journal {0}", file.getFileName());
                }
            } catch (NumberFormatException e) {
                LOG.log(Level.WARNING, "Unreadable line in the ingest journal {0}", file.getFileName());
            }
        }
        return new ArrayList<>(begun.values());
    }

    private static String legacyCaller(Path marker) {
        try {
            String ae = new String(Files.readAllBytes(marker), StandardCharsets.US_ASCII).strip();
            return ae.isEmpty() ? UNKNOWN_CALLER : ae;
        } catch (IOException e) {
            return UNKNOWN_CALLER;
        }
    }
}
