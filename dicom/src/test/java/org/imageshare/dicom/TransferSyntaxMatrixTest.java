// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pydicom test file that DCMTK will send goes to our listener and, as the reference, to DCMTK
 * storescp in bit-preserving mode: the data sets we store must equal what storescp stored, byte for
 * byte, in every transfer syntax present.
 */
class TransferSyntaxMatrixTest {

    private static final Set<String> EXPECTED_SYNTAXES = Set.of(
            "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99",
            "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.70",
            "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5");

    @TempDir
    Path dir;

    @Test
    void everyTransferSyntaxIsStoredByteIdenticalToWhatStorescpReceives() throws Exception {
        List<Path> candidates = sendableCandidates();
        // batches without repeated SOP Instance UIDs (pydicom has several encodings of one instance)
        List<List<Path>> batches = batchesWithUniqueInstances(candidates);

        Path refDir = Files.createDirectories(dir.resolve("storescp"));
        Map<String, byte[]> reference = new HashMap<>();
        Map<String, byte[]> ours = new HashMap<>();
        Set<String> oursSyntaxes = new TreeSet<>();
        TestHandler handler = new TestHandler(dir.resolve("store"));
        ListenerConfig config = ListenerConfig.builder("IMAGESHARE", dir.resolve("incoming")).port(0).build();

        int refPort = freePort();
        Process storescp = Dcmtk.start(List.of("storescp", "+B", "+xa", "--promiscuous", "-aet", "REF",
                "-od", refDir.toString(), String.valueOf(refPort)));
        try (DicomListener listener = DicomListener.start(config, handler)) {
            waitForPort(refPort);
            int batchNo = 0;
            for (List<Path> batch : batches) {
                batchNo++;
                List<Part10Files> parsed = new ArrayList<>();
                for (Path f : batch) {
                    parsed.add(Part10Files.read(f));
                }
                Path cfg = StorescuConfig.write(dir.resolve("batch" + batchNo + ".cfg"), parsed);

                Dcmtk.Result toUs = Dcmtk.run(Dcmtk.storescu(cfg, StorescuConfig.PROFILE, "IMAGESHARE", listener.port(), batch));
                assertThat(toUs.exitCode()).as(toUs.output()).isZero();
                Dcmtk.Result toRef = Dcmtk.run(Dcmtk.storescu(cfg, StorescuConfig.PROFILE, "REF", refPort, batch));
                assertThat(toRef.exitCode()).as(toRef.output()).isZero();

                collect(batchNo, handler.store, ours, oursSyntaxes);
                collect(batchNo, refDir, reference, new HashSet<>());
                clear(handler.store);
                clear(refDir);
            }
        } finally {
            storescp.destroy();
            storescp.waitFor();
        }

        assertThat(reference).as("objects storescp received").hasSizeGreaterThanOrEqualTo(40);
        assertThat(ours.keySet()).isEqualTo(reference.keySet());
        for (Map.Entry<String, byte[]> e : reference.entrySet()) {
            assertThat(ours.get(e.getKey())).as("data set of " + e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(oursSyntaxes).containsAll(EXPECTED_SYNTAXES);
        assertThat(handler.received).allSatisfy(o -> assertThat(o.callingAeTitle()).isEqualTo("TESTSCU"));
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    /** Keyed by batch and SOP Instance UID (unique within a batch). */
    private static void collect(int batch, Path folder, Map<String, byte[]> into, Set<String> syntaxes) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Part10Files p = Part10Files.read(f);
                String key = batch + ":" + p.sopInstance() + " in " + p.transferSyntax();
                into.merge(key, p.dataSet(), (a, b) -> {
                    throw new IllegalStateException("two objects with key " + key);
                });
                syntaxes.add(p.transferSyntax());
            }
        }
    }

    private static void clear(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    /** Files with a meta header naming a storage SOP class and a transfer syntax. */
    private static List<Path> sendableCandidates() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Dcmtk.PYDICOM_FILES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                try {
                    Part10Files p = Part10Files.read(f);
                    if (p.sopClass().startsWith("1.2.840.10008.5.1.4.1.1.") && !p.transferSyntax().isEmpty()
                            && !p.sopInstance().isEmpty()) {
                        out.add(f);
                    }
                } catch (IOException | RuntimeException e) {
                    // no usable meta header: storescu would not send it either
                }
            }
        }
        return out;
    }

    private static List<List<Path>> batchesWithUniqueInstances(List<Path> files) throws IOException {
        List<List<Path>> batches = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        for (Path f : files) {
            String key = Part10Files.read(f).sopInstance();
            int i = 0;
            while (i < batches.size() && keys.get(i).contains(key)) {
                i++;
            }
            if (i == batches.size()) {
                batches.add(new ArrayList<>());
                keys.add(new HashSet<>());
            }
            batches.get(i).add(f);
            keys.get(i).add(key);
        }
        return batches;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void waitForPort(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("localhost", port)) {
                if (s.isConnected()) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nothing listening on " + port);
    }
}
