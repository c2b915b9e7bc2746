// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.imageshare.dicom.AssociationSummary;
import org.imageshare.dicom.DicomHeader;
import org.imageshare.dicom.ReceivedObject;
import org.imageshare.dicom.StoreFailure;
import org.imageshare.dicom.StoreStatus;
import org.imageshare.platform.control.Conflict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestHandlerTest {

    private static final String STUDY = "1.2.826.0.1.3680043.2.1125.1";
    private static final String SERIES = "1.2.826.0.1.3680043.2.1125.2";
    private static final String SOP = "1.2.826.0.1.3680043.2.1125.3";

    @TempDir
    Path dir;

    private final List<IncomingInstance> indexed = new ArrayList<>();

    @Test
    void movesTheFileIntoTheStoreAndIndexesItBeforeAnsweringSuccess() throws Exception {
        IngestHandler handler = handler(in -> {
            indexed.add(in);
            assertThat(store().resolve(in.file().path())).as("file in place when indexed").exists();
            return IndexResult.created();
        });
        ReceivedObject object = received("first", "P1", "");

        assertThat(handler.stored(object)).isEqualTo(StoreStatus.SUCCESS);

        Path stored = store().resolve(StorePaths.relative(STUDY, SERIES, SOP));
        assertThat(stored).hasContent("first");
        assertThat(object.file()).doesNotExist();
        assertThat(indexed).singleElement().satisfies(in -> {
            assertThat(in.patient().issuer()).as("default issuer").isEqualTo("HOSP");
            assertThat(in.file().size()).isEqualTo(5);
        });
    }

    @Test
    void aResendReplacesTheFile() throws Exception {
        IngestHandler handler = handler(in -> indexed.isEmpty() && indexed.add(in)
                ? IndexResult.created() : IndexResult.replaced(Optional.empty()));
        handler.stored(received("first", "P1", "OTHER"));

        assertThat(handler.stored(received("second", "P1", "OTHER"))).isEqualTo(StoreStatus.SUCCESS);

        Path stored = store().resolve(StorePaths.relative(STUDY, SERIES, SOP));
        assertThat(stored).hasContent("second");
        try (var files = Files.list(stored.getParent())) {
            assertThat(files).containsExactly(stored);
        }
    }

    @Test
    void whenIndexingFailsTheMovedFileIsRemovedAndTheAnswerIsProcessingFailure() throws Exception {
        int[] calls = {0};
        IngestHandler handler = handler(in -> {
            calls[0]++;
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(() -> handler.stored(received("x", "P1", "")))
                .isInstanceOfSatisfying(StoreFailure.class,
                        f -> assertThat(f.category()).isEqualTo(StoreFailure.Category.PROCESSING_FAILURE));

        assertThat(calls[0]).as("retried").isEqualTo(IngestHandler.ATTEMPTS);
        assertThat(store().resolve(StorePaths.relative(STUDY, SERIES, SOP))).doesNotExist();
    }

    @Test
    void aFailedResendPutsThePreviousFileBack() throws Exception {
        boolean[] fail = {false};
        IngestHandler handler = handler(in -> {
            if (fail[0]) {
                throw new Conflict("names another patient");
            }
            return IndexResult.created();
        });
        handler.stored(received("good", "P1", ""));
        fail[0] = true;

        assertThatThrownBy(() -> handler.stored(received("bad", "P2", ""))).isInstanceOf(StoreFailure.class);

        assertThat(store().resolve(StorePaths.relative(STUDY, SERIES, SOP))).hasContent("good");
    }

    @Test
    void aRetrySucceedsAfterATransientFailure() throws Exception {
        int[] calls = {0};
        IngestHandler handler = handler(in -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("duplicate key: concurrent first insert");
            }
            return IndexResult.created();
        });

        assertThat(handler.stored(received("x", "P1", ""))).isEqualTo(StoreStatus.SUCCESS);
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void anInvalidUidCannotBeUnderstoodAndNothingIsIndexed() throws Exception {
        IngestHandler handler = handler(in -> {
            indexed.add(in);
            return IndexResult.created();
        });
        ReceivedObject noStudy = received("x", "P1", "", "", SOP);
        ReceivedObject pathTrick = received("x", "P1", "", STUDY, "../../etc");

        for (ReceivedObject object : List.of(noStudy, pathTrick)) {
            assertThatThrownBy(() -> handler.stored(object)).isInstanceOfSatisfying(StoreFailure.class,
                    f -> assertThat(f.category()).isEqualTo(StoreFailure.Category.CANNOT_UNDERSTAND));
        }
        assertThat(indexed).isEmpty();
    }

    @Test
    void aFullDiskIsOutOfResources() {
        assertThat(IngestHandler.failure("x", new FileSystemException("/data/store/a", null, "No space left on device"))
                .category()).isEqualTo(StoreFailure.Category.OUT_OF_RESOURCES);
        assertThat(IngestHandler.failure("x", new IOException("write failed", new IOException("No space left on device")))
                .category()).isEqualTo(StoreFailure.Category.OUT_OF_RESOURCES);
        assertThat(IngestHandler.failure("x", new IOException("Permission denied")).category())
                .isEqualTo(StoreFailure.Category.PROCESSING_FAILURE);
    }

    @Test
    void storePathsSpreadByStudyAndSeriesAndNameTheFileByItsUid() {
        String path = StorePaths.relative(STUDY, SERIES, SOP);

        assertThat(path).matches("[0-9a-f]{16}/[0-9a-f]{16}/" + SOP.replace(".", "\\.") + "\\.dcm");
        assertThat(StorePaths.relative(STUDY, SERIES + "9", SOP)).startsWith(path.substring(0, 17))
                .isNotEqualTo(path);
        assertThat(StorePaths.isUid("1.2.3")).isTrue();
        assertThat(StorePaths.isUid("1..2")).isFalse();
        assertThat(StorePaths.isUid("1.2/3")).isFalse();
        assertThat(StorePaths.isUid("1." + "2".repeat(64))).isFalse();
    }

    @Test
    void dicomDatesBecomeLocalDatesOrNothing() {
        assertThat(IncomingInstance.dicomDate("20040119")).hasToString("2004-01-19");
        assertThat(IncomingInstance.dicomDate("2004.01.19")).hasToString("2004-01-19");
        assertThat(IncomingInstance.dicomDate("")).isNull();
        assertThat(IncomingInstance.dicomDate("20041340")).isNull();
    }

    @Test
    void recoveryIndexesAgainAFileWhoseRowWasLostKeepsOneThatHasItAndRollsBackARefusedOne() throws IOException {
        Path journal = dir.resolve("journal");
        String lost = StorePaths.relative(STUDY, SERIES, "1.2.3.100");
        String indexed = StorePaths.relative(STUDY, SERIES, "1.2.3.101");
        String refused = StorePaths.relative(STUDY, SERIES, "1.2.3.102");
        String settled = StorePaths.relative(STUDY, SERIES, "1.2.3.103");
        StoreJournal previous = StoreJournal.open(journal); // the process that was killed
        for (String rel : List.of(lost, indexed, refused, settled)) {
            Path f = store().resolve(rel);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "data-" + rel);
            StoreJournal.Entry entry = previous.begin(rel, "PACS_AE");
            if (rel.equals(settled)) {
                entry.end();
            }
        }
        previous.close();
        long indexedSize = Files.size(store().resolve(indexed));
        List<String> reindexed = new ArrayList<>();

        int handled = IngestHandler.recover(store(), journal,
                rel -> rel.equals(indexed) ? Optional.of(indexedSize) : Optional.empty(),
                (file, rel, ae) -> {
                    assertThat(file).isEqualTo(store().resolve(rel));
                    reindexed.add(rel + " from " + ae);
                    return !rel.equals(refused);
                });

        assertThat(handled).as("the three left open").isEqualTo(3);
        assertThat(reindexed).containsExactlyInAnyOrder(lost + " from PACS_AE", refused + " from PACS_AE");
        assertThat(store().resolve(lost)).as("acknowledged, row lost: indexed again").exists();
        assertThat(store().resolve(indexed)).exists();
        assertThat(store().resolve(refused)).doesNotExist();
        assertThat(store().resolve(settled)).as("ended before the kill: not touched").exists();
        assertThat(journal).isEmptyDirectory();
    }

    @Test
    void recoveryPutsBackTheFileARefusedReplacementWasReplacing() throws IOException {
        Path journal = Files.createDirectories(dir.resolve("journal"));
        String rel = StorePaths.relative(STUDY, SERIES, SOP);
        Path target = store().resolve(rel);
        Files.createDirectories(target.getParent());
        Files.writeString(target, "new, longer content never committed");
        Files.writeString(target.resolveSibling(target.getFileName() + ".replaced"), "old content");
        Files.createFile(journal.resolve(rel.replace("/", "~"))); // an older version's marker: no AE, no number
        String[] caller = {null};

        IngestHandler.recover(store(), journal, r -> Optional.of((long) "old content".length()), (file, r, ae) -> {
            caller[0] = ae;
            return false;
        });

        assertThat(target).hasContent("old content");
        assertThat(target.resolveSibling(target.getFileName() + ".replaced")).doesNotExist();
        assertThat(caller[0]).isEqualTo(IngestHandler.UNKNOWN_CALLER);
        assertThat(journal).isEmptyDirectory();
    }

    @Test
    void anEntryWhoseFileCannotBeIndexedNowStaysForTheNextStart() throws IOException {
        Path journal = dir.resolve("journal");
        String rel = StorePaths.relative(STUDY, SERIES, SOP);
        Path target = store().resolve(rel);
        Files.createDirectories(target.getParent());
        Files.writeString(target, "acknowledged");
        StoreJournal previous = StoreJournal.open(journal);
        previous.begin(rel, "SCU");
        previous.close();

        int handled = IngestHandler.recover(store(), journal, r -> Optional.empty(), (file, r, ae) -> {
            throw new IllegalStateException("database down");
        });

        assertThat(handled).isZero();
        assertThat(target).hasContent("acknowledged");
        assertThat(StoreJournal.pending(journal)).singleElement()
                .satisfies(e -> assertThat(e.relative() + " " + e.callingAeTitle()).isEqualTo(rel + " SCU"));

        List<String> later = new ArrayList<>();
        assertThat(IngestHandler.recover(store(), journal, r -> Optional.empty(), (file, r, ae) -> later.add(r)))
                .as("the next start, database up").isEqualTo(1);
        assertThat(later).containsExactly(rel);
        assertThat(journal).isEmptyDirectory();
    }

    @Test
    void aStoredObjectLeavesNoOpenJournalEntry() throws Exception {
        IngestHandler handler = handler(in -> IndexResult.created());
        handler.stored(received("x", "P1", "HOSP"));
        assertThat(handler.openJournalEntries()).isZero();
        handler.close();
        assertThat(dir.resolve("store-journal")).isEmptyDirectory();
    }

    @Test
    void theEntryOfACommittedObjectIsHandedOnAndAFailedOneIsEnded() throws Exception {
        Path journal = dir.resolve("journal");
        List<StoreJournal.Entry> committed = new ArrayList<>();
        boolean[] fail = {false};
        IngestHandler handler = new IngestHandler(store(), journal, "HOSP", in -> {
            if (fail[0]) {
                throw new IllegalStateException("database down");
            }
            return IndexResult.created();
        }, summary -> { }, committed::add);

        handler.stored(received("x", "P1", "HOSP"));

        assertThat(committed).hasSize(1);
        fail[0] = true;
        assertThatThrownBy(() -> handler.stored(received("y", "P1", "HOSP", STUDY, "1.2.3.9")))
                .isInstanceOf(StoreFailure.class);
        assertThat(committed).hasSize(1);
        assertThat(handler.openJournalEntries()).as("only the committed object's entry, still waiting").isEqualTo(1);
        assertThat(StoreJournal.pending(journal)).singleElement().satisfies(e -> {
            assertThat(e.relative()).isEqualTo(StorePaths.relative(STUDY, SERIES, SOP));
            assertThat(e.callingAeTitle()).isEqualTo("SCU");
        });

        committed.get(0).end();
        assertThat(handler.openJournalEntries()).isZero();
        assertThat(StoreJournal.pending(journal)).isEmpty();
    }

    @Test
    void eachAssociationIndexesThroughItsOwnSessionUntilItEnds() throws Exception {
        List<String> calls = new ArrayList<>();
        StudyIndex index = new StudyIndex() {
            private int sessions;

            @Override
            public IndexResult index(IncomingInstance in) {
                calls.add("alone " + in.sopInstanceUid());
                return IndexResult.created();
            }

            @Override
            public Session openSession() {
                int n = ++sessions;
                calls.add("open " + n);
                return new Session() {
                    @Override
                    public IndexResult index(IncomingInstance in) {
                        calls.add("session " + n + " " + in.sopInstanceUid());
                        return IndexResult.created();
                    }

                    @Override
                    public void close() {
                        calls.add("close " + n);
                    }
                };
            }
        };
        IngestHandler handler = handler(index);

        handler.stored(received(1, "1.2.3.1"));
        handler.stored(received(1, "1.2.3.2"));
        handler.stored(received(2, "1.2.3.3"));
        handler.ingest(received(0, "1.2.3.4")); // STOW-RS or a CD: no association
        handler.associationEnded(new AssociationSummary(1, "SCU", new InetSocketAddress("127.0.0.1", 4000), 2, 0,
                true, Duration.ofSeconds(1)));
        assertThat(calls).containsExactly("open 1", "session 1 1.2.3.1", "session 1 1.2.3.2", "open 2",
                "session 2 1.2.3.3", "alone 1.2.3.4", "close 1");

        handler.close(); // the listener has stopped: what is still open is closed
        assertThat(calls).endsWith("close 2");
    }

    private IngestHandler handler(StudyIndex index) {
        return new IngestHandler(store(), "HOSP", index, summary -> { });
    }

    private Path store() {
        return dir.resolve("store");
    }

    private ReceivedObject received(long association, String sop) throws IOException {
        ReceivedObject o = received("x", "P1", "", STUDY, sop);
        return new ReceivedObject(association, o.callingAeTitle(), o.remote(), o.sopClassUid(), sop,
                o.transferSyntaxUid(), o.file(), o.fileSize(), o.header());
    }

    private ReceivedObject received(String content, String patientId, String issuer) throws IOException {
        return received(content, patientId, issuer, STUDY, SOP);
    }

    private ReceivedObject received(String content, String patientId, String issuer, String study, String sop)
            throws IOException {
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        Path temp = Files.createTempFile(incoming, "rcv-", ".part");
        Files.writeString(temp, content);
        DicomHeader header = new DicomHeader(patientId, issuer, "Doe^Jane", "19700101", study, "20040119",
                "101500", "CT chest", "ACC", "CT", SERIES, OptionalInt.of(1), "axial", OptionalInt.of(7),
                OptionalInt.empty(), OptionalInt.of(128), OptionalInt.of(128), "");
        return new ReceivedObject(1, "SCU", new InetSocketAddress("127.0.0.1", 4000), "1.2.840.10008.5.1.4.1.1.2",
                sop, "1.2.840.10008.1.2.1", temp, Files.size(temp), header);
    }
}
