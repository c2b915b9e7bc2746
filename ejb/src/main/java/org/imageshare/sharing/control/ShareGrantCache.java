// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an active share link allows, kept briefly in memory by the link's token hash, so that the viewer's
 * frames, DICOMweb and the download ({@code ShareAccess.authorize}) need no database read to authorize each
 * request (issue 5: 50 concurrent clients). Opening the link (counted, audited) always reads the database. Only live links are kept (a dead or unknown token always goes to the database), each at most
 * {@link #TTL} and never past the link's expiry.
 *
 * <p>A revoke, a lock or the withdrawal of consent must stop the link at once: every code path that ends a
 * link calls {@link #forgetOnCommit()} in its transaction, which empties the cache at once and again when the
 * transaction has completed. A request that read the link before that commit cannot put its (stale) answer
 * back: {@link #put} is dropped when the cache was emptied after the caller read the generation.
 * One JVM per deployment (Payara Micro without a cluster, or one Payara Server instance); a cluster would
 * need the invalidation broadcast.
 */
@ApplicationScoped
public class ShareGrantCache {

    /** Longest time a live link is answered from memory before it is read again. */
    public static final Duration TTL = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 10_000;

    /** A live link as the last database read saw it. */
    public record Entry(ShareGrant grant, String tokenHash, Instant readAt, Instant lastTouched) {

        Entry touched(Instant now) {
            return new Entry(grant, tokenHash, readAt, now);
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The generation to hand to {@link #put} after reading the link from the database. */
    public long generation() {
        return generation.get();
    }

    /** The live link of {@code tokenHash}, if read less than {@link #TTL} ago and not expired at {@code now}. */
    public Optional<Entry> find(String tokenHash, Instant now) {
        Entry e = entries.get(tokenHash);
        if (e == null) {
            return Optional.empty();
        }
        if (!now.isBefore(e.grant().expiresAt()) || now.isAfter(e.readAt().plus(TTL)) || now.isBefore(e.readAt())) {
            entries.remove(tokenHash, e);
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** Remembers a live link read at {@code now}, unless the cache was emptied since {@code readGeneration}. */
    public void put(ShareGrant grant, String tokenHash, Instant now, Instant lastTouched, long readGeneration) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        Entry e = new Entry(grant, tokenHash, now, lastTouched);
        entries.put(tokenHash, e);
        if (generation.get() != readGeneration) {
            // emptied while this request read the database: what it read may be stale
            entries.remove(tokenHash, e);
        }
    }

    /** Notes that the link's last-used time was written at {@code now}. */
    public void touched(Entry entry, Instant now) {
        entries.replace(entry.tokenHash(), entry, entry.touched(now));
    }

    /**
     * Forgets every link now and once more when the current transaction has completed: call it from every
     * transaction that revokes, locks or otherwise ends a link.
     */
    public void forgetOnCommit() {
        forget();
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing: the link's row is not written yet
                }

                @Override
                public void afterCompletion(int status) {
                    forget();
                }
            });
        }
    }

    /** Forgets every link now. */
    public void forget() {
        generation.incrementAndGet();
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
