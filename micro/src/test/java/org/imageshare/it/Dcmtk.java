// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imageshare.ingest.boundary.DicomIngest;
import org.imageshare.platform.control.ImageShareConfig;

/**
 * DICOM test objects and sending them to the running listener with DCMTK, as the in-container tests do it:
 * copies of the pydicom CT with new identifiers ({@code dcmodify}), sent by {@code storescu}. Indexing is
 * done when a send returns (the listener answers the C-STORE after the index rows have committed).
 */
final class Dcmtk {

    static final Path CT = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");

    private Dcmtk() {
    }

    /**
     * A copy of the pydicom CT for this patient (and issuer, if not null) with fresh study, series and SOP
     * instance UIDs; {@code edits} are further {@code dcmodify} arguments, e.g. {@code "-m", "(0008,1030)=Knee"}.
     */
    static Path ct(String patientId, String issuer, String... edits) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dcmodify", "-nb", "-gst", "-gse", "-gin",
                "-i", "(0010,0020)=" + patientId));
        if (issuer != null) {
            command.addAll(List.of("-i", "(0010,0021)=" + issuer));
        }
        command.addAll(Arrays.asList(edits));
        return modifiedCopy(CT, command);
    }

    /** A copy of {@code of} with a new SOP Instance UID (same study and series) and the given further edits. */
    static Path nextInstance(Path of, String... edits) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dcmodify", "-nb", "-gin"));
        command.addAll(Arrays.asList(edits));
        return modifiedCopy(of, command);
    }

    private static Path modifiedCopy(Path of, List<String> dcmodify) throws IOException, InterruptedException {
        Path file = Files.createTempFile("it-", ".dcm");
        Files.copy(of, file, StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(dcmodify);
        command.add(file.toString());
        run(command);
        return file;
    }

    /** Runs a DCMTK tool that must succeed: exit 0 within 30 s and no error line. */
    static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), command.get(0) + " timed out");
        assertEquals(0, process.exitValue(), command.get(0) + ": " + output);
        assertFalse(output.contains("E: "), command.get(0) + ": " + output);
    }

    /** Sends as {@code callingAe} to the listener of this server. */
    static Sender sender(DicomIngest ingest, ImageShareConfig config, String callingAe) {
        return new Sender(ingest, config, callingAe);
    }

    /** {@code storescu} to the running listener on 127.0.0.1 (its port is read from the listener: 0 = ephemeral). */
    record Sender(DicomIngest ingest, ImageShareConfig config, String callingAe) {

        /** The command up to the files. */
        List<String> storescu() {
            int port = ingest.port().orElseThrow(() -> new AssertionError("DICOM listener not running"));
            return List.of("storescu", "-aet", callingAe, "-aec", config.dicomAeTitle(), "127.0.0.1",
                    String.valueOf(port));
        }

        /** Sends the files in one association; they are indexed when this returns. */
        void send(Path... files) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(storescu());
            Arrays.stream(files).map(Path::toString).forEach(command::add);
            run(command);
        }

        /** Sends one file that must be refused; returns storescu's verbose output (with the response status). */
        String sendExpectingFailure(Path file) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(storescu());
            command.add(1, "-v");
            command.add(file.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "storescu timed out");
            return output;
        }
    }
}
