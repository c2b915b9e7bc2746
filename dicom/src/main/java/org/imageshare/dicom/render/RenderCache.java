// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Rendered PNGs on disk, bounded in bytes: file name = SHA-256 of the key (SOP UID, file version, frame,
 * window, size), so nothing of the key is readable from the disk. Each entry is 16 bytes of window (two
 * doubles, NaN for colour) followed by the PNG. The least recently used entries go first when the bound is
 * passed (use refreshes the file time, at most every {@link #TOUCH_EVERY_MS}). The most recently used entries
 * are also kept in memory (bounded in bytes), so a frame that many clients ask for at once costs no file read.
 */
final class RenderCache {

    private static final System.Logger LOG = System.getLogger(RenderCache.class.getName());

    private final Path dir;
    private final long maxBytes;
    /** A hit refreshes the file's time (its place in the eviction order) at most this often. */
    static final long TOUCH_EVERY_MS = 10 * 60_000L;

    private final AtomicLong size = new AtomicLong();
    private final Hot hot;

    RenderCache(Path dir, long maxBytes) {
        this(dir, maxBytes, Math.min(32L << 20, Math.max(0, maxBytes / 8)));
    }

    RenderCache(Path dir, long maxBytes, long maxMemoryBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.hot = new Hot(maxMemoryBytes);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).forEach(f -> size.addAndGet(sizeOf(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<RenderResult.Rendered> get(String key) {
        RenderResult.Rendered remembered = hot.get(key);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        Path file = pathOf(key);
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 16 + 24) {
                return Optional.empty();
            }
            long now = System.currentTimeMillis();
            if (Files.getLastModifiedTime(file).toMillis() < now - TOUCH_EVERY_MS) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(now));
            }
            ByteBuffer head = ByteBuffer.wrap(bytes, 0, 16);
            double c = head.getDouble();
            double w = head.getDouble();
            byte[] png = java.util.Arrays.copyOfRange(bytes, 16, bytes.length);
            ByteBuffer ihdr = ByteBuffer.wrap(png, 16, 8);
            RenderResult.Rendered rendered = new RenderResult.Rendered(png, Double.isNaN(c) ? null : new Window(c, w),
                    ihdr.getInt(), ihdr.getInt());
            hot.put(key, rendered);
            return Optional.of(rendered);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void put(String key, RenderResult.Rendered rendered) {
        hot.put(key, rendered);
        Path file = pathOf(key);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "r", ".tmp");
            ByteBuffer head = ByteBuffer.allocate(16);
            head.putDouble(rendered.window() == null ? Double.NaN : rendered.window().center());
            head.putDouble(rendered.window() == null ? Double.NaN : rendered.window().width());
            try (var out = Files.newOutputStream(tmp)) {
                out.write(head.array());
                out.write(rendered.png());
            }
            long old = sizeOf(file);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (size.addAndGet(16L + rendered.png().length - old) > maxBytes) {
                evict();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "render cache write failed: {0}", e.getClass().getName());
        }
    }

    /** Entries kept in memory now (for tests). */
    int inMemory() {
        return hot.count();
    }

    long sizeInBytes() {
        return size.get();
    }

    /** Deletes the oldest entries until the cache is at 80 % of its bound. */
    synchronized void evict() {
        if (size.get() <= maxBytes) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
            return;
        }
        files.sort(Comparator.comparingLong(RenderCache::modified));
        long target = maxBytes * 8 / 10;
        for (Path f : files) {
            if (size.get() <= target) {
                break;
            }
            long bytes = sizeOf(f);
            try {
                if (Files.deleteIfExists(f)) {
                    size.addAndGet(-bytes);
                }
            } catch (IOException ignored) {
                // in use elsewhere; the next eviction tries again
            }
        }
    }

    private Path pathOf(String key) {
        try {
            String hex = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
            return dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2) + ".png");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long sizeOf(Path f) {
        try {
            return Files.exists(f) ? Files.size(f) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Recently used PNGs in memory, least recently used out first, bounded in bytes. */
    private static final class Hot {
        private final long maxBytes;
        private long bytes;
        private final java.util.LinkedHashMap<String, RenderResult.Rendered> map =
                new java.util.LinkedHashMap<>(64, 0.75f, true);

        Hot(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        synchronized RenderResult.Rendered get(String key) {
            return map.get(key);
        }

        synchronized void put(String key, RenderResult.Rendered rendered) {
            long cost = rendered.png().length + 200L;
            if (cost > maxBytes / 4) {
                return;
            }
            RenderResult.Rendered old = map.put(key, rendered);
            bytes += cost - (old == null ? 0 : old.png().length + 200L);
            var it = map.values().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                bytes -= it.next().png().length + 200L;
                it.remove();
            }
        }

        synchronized int count() {
            return map.size();
        }
    }
}
