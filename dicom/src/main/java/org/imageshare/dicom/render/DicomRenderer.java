// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Draws frames of stored DICOM objects as 8-bit PNGs: modality LUT (rescale), VOI (the requested window,
 * else the object's first window, else its VOI LUT, else the frame's min–max), MONOCHROME1 inverted,
 * RGB/YBR to RGB. Rendered PNGs are cached on disk ({@link RenderCache}); decoded frames are kept in memory
 * (bounded) so that a new window on the same frame costs no second decode. Thread-safe.
 */
public final class DicomRenderer {

    /** Longest side of a thumbnail. */
    public static final int THUMBNAIL_SIZE = 128;

    private final FrameDecoder decoder = new FrameDecoder(new Codecs());
    private final NativeTranscoder transcoder;
    private final RenderCache cache;
    private final DecodedFrames decoded;

    /**
     * @param cacheDir       where rendered PNGs are kept (created if missing)
     * @param maxCacheBytes  bound of the disk cache
     * @param maxMemoryBytes bound of the decoded frames kept in memory
     */
    public DicomRenderer(Path cacheDir, long maxCacheBytes, long maxMemoryBytes) {
        this(cacheDir, maxCacheBytes, maxMemoryBytes, NativeTranscoder.systemPath());
    }

    DicomRenderer(Path cacheDir, long maxCacheBytes, long maxMemoryBytes, List<Path> toolPath) {
        this.cache = new RenderCache(cacheDir.resolve("png"), maxCacheBytes);
        this.transcoder = new NativeTranscoder(cacheDir.resolve("tmp"), toolPath);
        this.decoded = new DecodedFrames(maxMemoryBytes);
    }

    /** The header facts the viewer needs (frames, size, colour, stored window, slice position). */
    public ImageInfo describe(Path file) throws NotRenderableException {
        return decoder.describe(file);
    }

    /**
     * One frame as PNG.
     *
     * @param file        the stored object
     * @param sopUid      its SOP Instance UID (part of the cache key)
     * @param frameNumber 1-based
     * @param window      the window to draw at; empty = the object's own (or a sensible default)
     * @param maxSize     longest side of the PNG (0 = full size)
     */
    public RenderResult render(Path file, String sopUid, int frameNumber, Optional<Window> window, int maxSize) {
        String fileKey = fileKey(file, sopUid);
        if (fileKey == null) {
            return new RenderResult.NotRenderable("the stored object is missing");
        }
        String key = key(fileKey, frameNumber, window, maxSize);
        Optional<RenderResult.Rendered> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            PixelFrame frame = frame(file, fileKey, frameNumber - 1);
            RenderResult.Rendered rendered = draw(frame, window, maxSize);
            cache.put(key, rendered);
            return rendered;
        } catch (NotRenderableException e) {
            return new RenderResult.NotRenderable(e.getMessage());
        }
    }

    /** The frame as {@link #render} would answer it, if that is in the cache now; never renders. */
    public Optional<RenderResult.Rendered> cached(Path file, String sopUid, int frameNumber, Optional<Window> window,
            int maxSize) {
        String fileKey = fileKey(file, sopUid);
        return fileKey == null ? Optional.empty() : cache.get(key(fileKey, frameNumber, window, maxSize));
    }

    /** The cache key of a stored file's renderings (changes when the file is replaced), or null when it is missing. */
    private static String fileKey(Path file, String sopUid) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return sopUid + "|" + attributes.lastModifiedTime().toMillis() + "|" + attributes.size();
        } catch (IOException e) {
            return null;
        }
    }

    private static String key(String fileKey, int frameNumber, Optional<Window> window, int maxSize) {
        return fileKey + "|" + frameNumber + "|" + window.map(Window::key).orElse("default") + "|" + maxSize;
    }

    /** A small PNG of the first frame at the object's own window. */
    public RenderResult thumbnail(Path file, String sopUid) {
        return render(file, sopUid, 1, Optional.empty(), THUMBNAIL_SIZE);
    }

    /** Bytes the disk cache holds now. */
    public long cacheBytes() {
        return cache.sizeInBytes();
    }

    static RenderResult.Rendered draw(PixelFrame frame, Optional<Window> requested, int maxSize) {
        BufferedImage image;
        Window used = null;
        if (frame.colour()) {
            image = Imaging.rgb(frame.width(), frame.height(), frame.rgb());
        } else if (requested.isEmpty() && frame.storedWindow() == null && frame.voiLut() != null) {
            image = Imaging.grey(frame.width(), frame.height(),
                    Imaging.voiLut(frame.grey(), frame.voiLut(), frame.inverted()));
            used = frame.minMaxWindow();
        } else {
            used = requested.orElseGet(() -> frame.storedWindow() != null ? frame.storedWindow() : frame.minMaxWindow());
            image = Imaging.grey(frame.width(), frame.height(), Imaging.window(frame.grey(), used, frame.inverted()));
        }
        image = Imaging.fit(image, maxSize);
        return new RenderResult.Rendered(Imaging.png(image), used, image.getWidth(), image.getHeight());
    }

    /** Decoded frame, from memory if recently used. {@code frame} is 0-based. */
    PixelFrame frame(Path file, String fileKey, int frame) throws NotRenderableException {
        String key = fileKey + "|" + frame;
        PixelFrame known = decoded.get(key);
        if (known != null) {
            return known;
        }
        PixelFrame fresh = decode(file, frame);
        decoded.put(key, fresh);
        return fresh;
    }

    PixelFrame decode(Path file, int frame) throws NotRenderableException {
        try {
            return decoder.decode(file, frame);
        } catch (NotRenderableException javaFailed) {
            AttributeList header = FrameDecoder.read(file, true);
            String syntax = Attribute.getSingleStringValueOrEmptyString(header, TagFromName.TransferSyntaxUID);
            if (transcoder.toolFor(syntax).isEmpty()) {
                if (Codecs.needsNative(syntax)) {
                    throw new NotRenderableException("transfer syntax " + syntax
                            + " (JPEG-LS) needs DCMTK's dcmdjpls, which is not installed");
                }
                throw javaFailed;
            }
            Path plain = transcoder.decompress(file, syntax);
            try {
                return decoder.decode(plain, frame);
            } finally {
                NativeTranscoder.deleteQuietly(plain);
            }
        }
    }

    /** Decoded frames in memory, least recently used out first, bounded in bytes. */
    private static final class DecodedFrames {
        private final long maxBytes;
        private long bytes;
        private final LinkedHashMap<String, PixelFrame> map = new LinkedHashMap<>(64, 0.75f, true);

        DecodedFrames(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        synchronized PixelFrame get(String key) {
            return map.get(key);
        }

        synchronized void put(String key, PixelFrame frame) {
            if (frame.bytes() > maxBytes) {
                return;
            }
            PixelFrame old = map.put(key, frame);
            bytes += frame.bytes() - (old == null ? 0 : old.bytes());
            var it = map.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<String, PixelFrame> eldest = it.next();
                bytes -= eldest.getValue().bytes();
                it.remove();
            }
        }
    }
}
