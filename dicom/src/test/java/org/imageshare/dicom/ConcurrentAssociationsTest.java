// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentAssociationsTest {

    private static final int ASSOCIATIONS = 4;
    private static final int FILES_EACH = 8;

    @TempDir
    Path dir;

    @Test
    void fourAssociationsAtOnceAllSucceed() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < ASSOCIATIONS * FILES_EACH; i++) {
            Path f = dir.resolve("ct" + i + ".dcm");
            Files.copy(Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm"), f);
            files.add(f);
        }
        List<String> modify = new ArrayList<>(List.of("dcmodify", "-nb", "-gin"));
        files.forEach(f -> modify.add(f.toString()));
        assertThat(Dcmtk.run(modify).exitCode()).isZero();
        Path cfg = StorescuConfig.write(dir.resolve("ct.cfg"), List.of(Part10Files.read(files.get(0))));

        // the first object of each association waits until all four associations have one in hand
        CyclicBarrier allFour = new CyclicBarrier(ASSOCIATIONS);
        Set<Long> waited = ConcurrentHashMap.newKeySet();
        TestHandler handler = new TestHandler(dir.resolve("store"));
        StoreHandler gate = o -> {
            if (waited.add(o.associationId())) {
                try {
                    allFour.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new StoreFailure(StoreFailure.Category.PROCESSING_FAILURE, "not concurrent", e);
                }
            }
            return handler.stored(o);
        };

        try (DicomListener listener = DicomListener.start(ListenerConfig.builder("IMAGESHARE", dir.resolve("incoming"))
                .port(0).maxAssociations(ASSOCIATIONS).build(), gate)) {
            List<Process> senders = new ArrayList<>();
            for (int a = 0; a < ASSOCIATIONS; a++) {
                senders.add(Dcmtk.start(Dcmtk.storescu(cfg, StorescuConfig.PROFILE, "IMAGESHARE", listener.port(),
                        files.subList(a * FILES_EACH, (a + 1) * FILES_EACH))));
            }
            for (Process p : senders) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                assertThat(out.split("Received Store Response \\(Success\\)", -1)).hasSize(FILES_EACH + 1);
            }
        }

        assertThat(handler.received).hasSize(ASSOCIATIONS * FILES_EACH);
        assertThat(handler.received.stream().map(ReceivedObject::associationId).collect(Collectors.toSet()))
                .hasSize(ASSOCIATIONS);
        for (Path f : files) {
            assertThat(handler.stored(Part10Files.read(f).sopInstance())).exists();
        }
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }
}
