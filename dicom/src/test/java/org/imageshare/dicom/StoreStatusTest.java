// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** C-STORE response statuses: what the handler decides, what broken data gets, and when the answer goes out. */
class StoreStatusTest {

    private static final Path CT_SMALL = Dcmtk.PYDICOM_FILES.resolve("CT_small.dcm");
    private static final Path MR_SMALL = Dcmtk.PYDICOM_FILES.resolve("MR_small.dcm");

    @TempDir
    Path dir;

    private TestHandler handler;
    private DicomListener listener;

    @BeforeEach
    void start() throws Exception {
        handler = new TestHandler(dir.resolve("store"));
        listener = DicomListener.start(ListenerConfig.builder("IMAGESHARE", dir.resolve("incoming")).port(0).build(),
                handler);
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    private Path uncompressedConfig() throws Exception {
        return StorescuConfig.write(dir.resolve("ct-mr.cfg"), List.of(Part10Files.read(CT_SMALL), Part10Files.read(MR_SMALL)));
    }

    @Test
    void outOfResourcesFromTheHandlerIsSeenByStorescuAndTheAssociationGoesOn() throws Exception {
        String ct = Part10Files.read(CT_SMALL).sopInstance();
        handler.special.put(ct, o -> {
            throw new StoreFailure(StoreFailure.Category.OUT_OF_RESOURCES, "disk full");
        });

        Dcmtk.Result r = Dcmtk.run(Dcmtk.storescu(uncompressedConfig(), StorescuConfig.PROFILE, "IMAGESHARE",
                listener.port(), List.of(CT_SMALL, MR_SMALL)));

        // storescu -v prints the status by name; -nh lets it go on to the next file
        assertThat(r.output()).containsSubsequence("Requesting Association", "Sending file: " + CT_SMALL,
                "Received Store Response (Refused: OutOfResources)", "Sending file: " + MR_SMALL,
                "Received Store Response (Success)", "Releasing Association");
        assertThat(r.output()).containsOnlyOnce("Requesting Association");
        String mr = Part10Files.read(MR_SMALL).sopInstance();
        assertThat(handler.stored(mr)).exists();
        assertThat(handler.stored(ct)).doesNotExist();
        assertThat(handler.byInstance(ct).associationId()).isEqualTo(handler.byInstance(mr).associationId());
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
        awaitEnded(1);
        AssociationSummary summary = handler.ended.get(0);
        assertThat(summary.stored()).isEqualTo(1);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.released()).isTrue();
        assertThat(summary.callingAeTitle()).isEqualTo("TESTSCU");
    }

    @Test
    void eachFailureCategoryAndHandlerCrashGiveTheirStatusOnOneAssociation() throws Exception {
        Part10Files ct = Part10Files.read(CT_SMALL);
        try (RawScu scu = new RawScu(listener.port(), 5000)) {
            scu.associate("RAW", "IMAGESHARE", new RawScu.Context(1, ct.sopClass(), ct.transferSyntax()));
            handler.special.put(ct.sopInstance(), o -> {
                throw new StoreFailure(StoreFailure.Category.PROCESSING_FAILURE, "index down");
            });
            assertThat(scu.store(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 16000)).isEqualTo(0x0110);
            handler.special.put(ct.sopInstance(), o -> {
                throw new StoreFailure(StoreFailure.Category.CANNOT_UNDERSTAND, "no");
            });
            assertThat(scu.store(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 16000)).isEqualTo(0xC000);
            handler.special.put(ct.sopInstance(), o -> {
                throw new IllegalStateException("bug");
            });
            assertThat(scu.store(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 16000)).isEqualTo(0x0110);
            handler.special.put(ct.sopInstance(), o -> null);
            assertThat(scu.store(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 16000)).isEqualTo(0x0110);
            handler.special.put(ct.sopInstance(), o -> StoreStatus.WARNING_COERCED);
            assertThat(scu.store(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 16000)).isEqualTo(0xB000);
            handler.special.remove(ct.sopInstance());
            assertThat(scu.store(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 16000)).isZero();
            scu.release();
        }
        assertThat(handler.stored(ct.sopInstance())).exists();
        assertThat(Part10Files.read(handler.stored(ct.sopInstance())).dataSet()).isEqualTo(ct.dataSet());
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    @Test
    void brokenPydicomFilesGetCannotUnderstandAndLeaveNothing() throws Exception {
        List<Part10Files> broken = List.of(
                Part10Files.read(Dcmtk.PYDICOM_FILES.resolve("MR_truncated.dcm")), // Pixel Data cut short
                Part10Files.read(Dcmtk.PYDICOM_FILES.resolve("rtplan_truncated.dcm")), // element cut short
                Part10Files.read(Dcmtk.PYDICOM_FILES.resolve("SC_rgb_jpeg.dcm"))); // implicit VR data under an explicit VR syntax
        Part10Files good = Part10Files.read(MR_SMALL);
        try (RawScu scu = new RawScu(listener.port(), 5000)) {
            RawScu.Context[] contexts = new RawScu.Context[broken.size() + 1];
            for (int i = 0; i < broken.size(); i++) {
                contexts[i] = new RawScu.Context(2 * i + 1, broken.get(i).sopClass(), broken.get(i).transferSyntax());
            }
            contexts[broken.size()] = new RawScu.Context(99, good.sopClass(), good.transferSyntax());
            scu.associate("RAW", "IMAGESHARE", contexts);
            for (int i = 0; i < broken.size(); i++) {
                Part10Files b = broken.get(i);
                assertThat(scu.store(2 * i + 1, b.sopClass(), b.sopInstance(), b.dataSet(), 4000))
                        .as(b.sopInstance()).isEqualTo(0xC000);
            }
            // garbage bytes as a data set, and a sound data set under another instance UID than announced
            assertThat(scu.store(99, good.sopClass(), "1.2.3.4.5", "not a DICOM data set at all".getBytes(), 4000))
                    .isEqualTo(0xC000);
            assertThat(scu.store(99, good.sopClass(), "1.2.3.4.5", good.dataSet(), 4000)).isEqualTo(0xC000);
            assertThat(handler.received).isEmpty();
            assertThat(dir.resolve("incoming")).isEmptyDirectory();

            assertThat(scu.store(99, good.sopClass(), good.sopInstance(), good.dataSet(), 4000)).isZero();
            scu.release();
        }
        try (var files = Files.list(handler.store)) {
            assertThat(files.toList()).containsExactly(handler.stored(good.sopInstance()));
        }
    }

    @Test
    void responseIsSentOnlyAfterTheHandlerReturned() throws Exception {
        Part10Files ct = Part10Files.read(CT_SMALL);
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        handler.special.put(ct.sopInstance(), o -> {
            inHandler.countDown();
            try {
                assertThat(Files.size(o.file())).isEqualTo(o.fileSize());
                proceed.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return StoreStatus.SUCCESS;
        });
        try (RawScu scu = new RawScu(listener.port(), 400)) {
            scu.associate("RAW", "IMAGESHARE", new RawScu.Context(1, ct.sopClass(), ct.transferSyntax()));
            scu.sendStoreRequest(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 16000, ct.dataSet().length);
            assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
            try {
                scu.responseStatus();
                throw new AssertionError("response arrived while the handler was still running");
            } catch (SocketTimeoutException expected) {
                // nothing yet: good
            }
            proceed.countDown();
            scu.socket.setSoTimeout(5000);
            assertThat(scu.responseStatus()).isZero();
            scu.release();
        }
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    @Test
    void fileLeftByTheHandlerIsDeletedAndSuccessStillAnswered() throws Exception {
        Part10Files ct = Part10Files.read(CT_SMALL);
        handler.special.put(ct.sopInstance(), o -> StoreStatus.SUCCESS); // indexes nothing, moves nothing
        try (RawScu scu = new RawScu(listener.port(), 5000)) {
            scu.associate("RAW", "IMAGESHARE", new RawScu.Context(1, ct.sopClass(), ct.transferSyntax()));
            assertThat(scu.store(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 16000)).isZero();
            scu.release();
        }
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    private void awaitEnded(int n) throws InterruptedException {
        for (int i = 0; i < 100 && handler.ended.size() < n; i++) {
            Thread.sleep(20);
        }
    }

    @Test
    void temporaryFileThatCannotBeWrittenGivesOutOfResourcesAndTheAssociationGoesOn() throws Exception {
        Part10Files ct = Part10Files.read(CT_SMALL);
        Path incoming = dir.resolve("incoming");
        try (RawScu scu = new RawScu(listener.port(), 5000)) {
            scu.associate("RAW", "IMAGESHARE", new RawScu.Context(1, ct.sopClass(), ct.transferSyntax()));
            Files.delete(incoming); // the adapter cannot create its file any more
            assertThat(scu.store(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 16000)).isEqualTo(0xA700);
            assertThat(handler.received).isEmpty();
            Files.createDirectories(incoming);
            assertThat(scu.store(1, ct.sopClass(), ct.sopInstance(), ct.dataSet(), 16000)).isZero();
            scu.release();
        }
        assertThat(handler.stored(ct.sopInstance())).exists();
        assertThat(incoming).isEmptyDirectory();
    }
}
