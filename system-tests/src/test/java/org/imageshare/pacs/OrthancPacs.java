// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Orthanc (Debian package {@code orthanc}) as the hospital's PACS for system tests: its own JSON config on
 * free ports, ImageShare's AE in {@code DicomModalities} (so it may query, retrieve and be moved to),
 * TCP_NODELAY=1. Loaded through its REST API.
 */
public final class OrthancPacs implements AutoCloseable {

    public static final String AE_TITLE = "ORTHANCPACS";

    private final Process process;
    private final int dicomPort;
    private final Http rest;
    private final Path dir;

    private OrthancPacs(Process process, int dicomPort, Http rest, Path dir) {
        this.process = process;
        this.dicomPort = dicomPort;
        this.rest = rest;
        this.dir = dir;
    }

    /** Starts Orthanc with its data under {@code dir}, knowing {@code ourAeTitle} at 127.0.0.1:{@code ourPort}. */
    public static OrthancPacs start(Path dir, String ourAeTitle, int ourPort) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int dicomPort = Tools.freePort();
        int httpPort = Tools.freePort();
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, """
                {
                  "Name": "ImageShare test PACS",
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "HttpPort": %d,
                  "DicomPort": %d,
                  "DicomAet": "%s",
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false,
                  "DicomCheckCalledAet": true,
                  "DicomAlwaysAllowEcho": true,
                  "DicomAlwaysAllowStore": true,
                  "DicomModalities": { "imageshare": [ "%s", "127.0.0.1", %d ] },
                  "Plugins": []
                }
                """.formatted(dir.resolve("storage"), dir.resolve("index"), httpPort, dicomPort, AE_TITLE,
                ourAeTitle, ourPort));
        ProcessBuilder pb = new ProcessBuilder("Orthanc", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("orthanc.log").toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process process = pb.start();
        Http rest = new Http(URI.create("http://127.0.0.1:" + httpPort + "/"), null, null);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (rest.get("system").statusCode() == 200) {
                    return new OrthancPacs(process, dicomPort, rest, dir);
                }
            } catch (RuntimeException e) {
                // not up yet
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroy();
                throw new IllegalStateException("Orthanc did not start: " + Files.readString(dir.resolve("orthanc.log")));
            }
            Thread.sleep(200);
        }
    }

    public int dicomPort() {
        return dicomPort;
    }

    /** Stores one Part 10 file in Orthanc (REST {@code POST /instances}). */
    public void upload(Path file) throws IOException {
        int status = rest.postBytes("instances", Files.readAllBytes(file), "application/dicom").statusCode();
        if (status != 200) {
            throw new IOException("Orthanc answered " + status + " for " + file);
        }
    }

    /** Uploads a new study of {@code n} CT images for this patient; returns its Study Instance UID. */
    public String uploadStudy(String patientId, String date, int n) throws IOException, InterruptedException {
        String uid = Tools.uid();
        for (Path f : Tools.study(dir.resolve("upload-" + uid), patientId, uid, date, n)) {
            upload(f);
        }
        return uid;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
