// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * JPEG-LS and 12-bit JPEG have no decoder in Java: when DCMTK (Debian {@code dcmtk}) is installed, its
 * {@code dcmdjpls} / {@code dcmdjpeg} write a decompressed copy into a temporary file, which is then read
 * like any uncompressed object. Without DCMTK those objects are "not renderable".
 */
final class NativeTranscoder {

    private static final Set<String> JPEG_LS = Codecs.JPEG_LS;
    private static final long TIMEOUT_SECONDS = 60;

    private final Path workDir;
    private final List<Path> searchPath;

    NativeTranscoder(Path workDir, List<Path> searchPath) {
        this.workDir = workDir;
        this.searchPath = searchPath;
        // copies left by a run that stopped mid-way
        if (Files.isDirectory(workDir)) {
            try (var leftovers = Files.list(workDir)) {
                leftovers.forEach(NativeTranscoder::deleteQuietly);
            } catch (IOException ignored) {
                // nothing to clean, or not readable: new copies get new names anyway
            }
        }
    }

    static List<Path> systemPath() {
        String path = System.getenv("PATH");
        List<Path> dirs = new java.util.ArrayList<>();
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        dirs.add(Path.of("/usr/bin"));
        return dirs;
    }

    /** The tool for a syntax, if it is installed. */
    Optional<Path> toolFor(String syntax) {
        String name = JPEG_LS.contains(syntax) ? "dcmdjpls" : Codecs.JPEG.contains(syntax) ? "dcmdjpeg" : null;
        if (name == null) {
            return Optional.empty();
        }
        return searchPath.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    /**
     * Runs the tool on {@code source}; the caller reads and deletes the returned file.
     */
    Path decompress(Path source, String syntax) throws NotRenderableException {
        Path tool = toolFor(syntax).orElseThrow(() -> new NotRenderableException(
                "transfer syntax " + syntax + " needs DCMTK, which is not installed"));
        Path out = null;
        try {
            Files.createDirectories(workDir);
            out = Files.createTempFile(workDir, "native", ".dcm");
            Process process = new ProcessBuilder(tool.toString(), "--write-xfer-little", source.toString(),
                    out.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NotRenderableException("the native decoder took too long");
            }
            if (process.exitValue() != 0) {
                throw new NotRenderableException("the native decoder could not decode the object");
            }
            return out;
        } catch (IOException e) {
            deleteQuietly(out);
            throw new NotRenderableException("the native decoder could not run", e);
        } catch (InterruptedException e) {
            deleteQuietly(out);
            Thread.currentThread().interrupt();
            throw new NotRenderableException("interrupted");
        } catch (NotRenderableException e) {
            deleteQuietly(out);
            throw e;
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the next start's clean-up takes it (constructor)
            }
        }
    }
}
