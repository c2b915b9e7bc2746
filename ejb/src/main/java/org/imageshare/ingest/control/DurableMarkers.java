// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Keeps each ingest journal entry open until the row it covers is durable, for a database that writes committed
 * changes to its file a moment after the commit (embedded H2 writes them in batches, see
 * {@code docs/dicom-conformance.md}, "Crash safety"): markers of committed objects are collected, and
 * {@link #flush} — called every few hundred milliseconds and at shutdown — makes the database write everything
 * committed so far ({@code CHECKPOINT}) and then ends the entries collected before it (one journal write for
 * all). Until then a kill leaves the entry open, and recovery indexes the file again.
 *
 * <p>One checkpoint per flush instead of one file write per commit: that is what lets the receive path
 * acknowledge each object right after its commit without paying for a database file write per object.
 */
public final class DurableMarkers implements Consumer<StoreJournal.Entry> {

    private static final System.Logger LOG = System.getLogger(DurableMarkers.class.getName());

    /** Makes every change committed before the call durable in the database file (or throws). */
    @FunctionalInterface
    public interface Checkpoint {
        void run() throws Exception;
    }

    private final Checkpoint checkpoint;
    private final ConcurrentLinkedQueue<StoreJournal.Entry> committed = new ConcurrentLinkedQueue<>();

    public DurableMarkers(Checkpoint checkpoint) {
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** The journal entry of an object whose row has committed. */
    @Override
    public void accept(StoreJournal.Entry entry) {
        committed.add(entry);
    }

    /**
     * Checkpoints the database and ends the entries of the commits that happened before; on failure the
     * entries stay open (the next flush, or recovery after a crash, settles them).
     *
     * @return how many entries were ended
     */
    public synchronized int flush() {
        if (committed.isEmpty()) {
            return 0;
        }
        // Every entry taken here was added after its commit returned, so the checkpoint below covers it.
        List<StoreJournal.Entry> batch = new ArrayList<>();
        for (StoreJournal.Entry p; (p = committed.poll()) != null;) {
            batch.add(p);
        }
        try {
            checkpoint.run();
        } catch (Exception e) {
            committed.addAll(batch);
            LOG.log(Level.WARNING, "Database checkpoint failed; {0} journal entries kept open: {1}", batch.size(),
                    e.toString());
            return 0;
        }
        StoreJournal.endAll(batch);
        return batch.size();
    }

    /** Entries waiting for the next checkpoint. */
    public int pending() {
        return committed.size();
    }
}
