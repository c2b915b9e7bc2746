// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreJournalTest {

    @TempDir
    Path dir;

    @Test
    void onlyEntriesBegunAndNotEndedArePending() throws IOException {
        StoreJournal journal = StoreJournal.open(dir);
        StoreJournal.Entry a = journal.begin("s/t/a.dcm", "PACS");
        journal.begin("s/t/b.dcm", "PACS");
        StoreJournal.Entry c = journal.begin("s/t/c.dcm", "MODALITY");
        StoreJournal.endAll(List.of(a, c));

        assertThat(StoreJournal.pending(dir)).extracting(StoreJournal.InFlight::relative).containsExactly("s/t/b.dcm");
        assertThat(journal.open()).isEqualTo(1);
        a.end(); // twice is once
        assertThat(journal.open()).isEqualTo(1);
    }

    @Test
    void aTornLastLineIsIgnored() throws IOException {
        StoreJournal journal = StoreJournal.open(dir);
        StoreJournal.Entry a = journal.begin("s/t/a.dcm", "PACS");
        journal.begin("s/t/b.dcm", "PACS");
        journal.close();
        Path segment = segments().get(0);
        // the process died inside the write of the end of a, and of a begin that never got to move its file
        Files.writeString(segment, "E " + a.sequence() + "\nB 99 s/t/x.d", StandardCharsets.US_ASCII,
                StandardOpenOption.APPEND);

        assertThat(StoreJournal.pending(dir)).extracting(StoreJournal.InFlight::relative).containsExactly("s/t/b.dcm");
    }

    @Test
    void aFullSegmentIsFollowedByANewOneAndGoesOnceAllItsEntriesHaveEnded() throws IOException {
        StoreJournal journal = StoreJournal.open(dir, 100);
        List<StoreJournal.Entry> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(journal.begin("study/series/" + i + ".dcm", "AE"));
        }
        StoreJournal.Entry later = journal.begin("study/series/later.dcm", "AE"); // past 100 bytes: a new segment
        assertThat(segments()).hasSize(2);

        first.get(0).end();
        assertThat(segments()).as("still open entries in the first").hasSize(2);
        StoreJournal.endAll(first);
        assertThat(segments()).as("the first is done").hasSize(1);
        assertThat(StoreJournal.pending(dir)).extracting(StoreJournal.InFlight::relative)
                .containsExactly("study/series/later.dcm");

        later.end();
        journal.close();
        assertThat(dir).as("a clean stop leaves nothing").isEmptyDirectory();
    }

    @Test
    void callingAeTitlesWithSpacesOrNothingAreRecordedReadably() throws IOException {
        StoreJournal journal = StoreJournal.open(dir);
        journal.begin("s/t/a.dcm", "MY AE ");
        journal.begin("s/t/b.dcm", " ");

        assertThat(StoreJournal.pending(dir)).extracting(StoreJournal.InFlight::callingAeTitle)
                .containsExactly("MY_AE", StoreJournal.UNKNOWN_CALLER);
        assertThatThrownBy(() -> journal.begin("s/t/a b.dcm", "AE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedJournalRefusesNewEntries() throws IOException {
        StoreJournal journal = StoreJournal.open(dir);
        StoreJournal.Entry open = journal.begin("s/t/a.dcm", "AE");
        journal.close();
        assertThatThrownBy(() -> journal.begin("s/t/b.dcm", "AE")).isInstanceOf(IOException.class);
        open.end(); // after the stop: stays open in the file, recovery settles it
        assertThat(StoreJournal.pending(dir)).hasSize(1);
    }

    @Test
    void afterAFailedWriteNothingMoreGoesIntoThatSegment() throws IOException {
        StoreJournal journal = StoreJournal.open(dir);
        StoreJournal.Entry a = journal.begin("s/t/a.dcm", "AE");
        journal.failNextWrite(); // as a full disk would: the line may be cut anywhere
        assertThatThrownBy(() -> journal.begin("s/t/b.dcm", "AE")).isInstanceOf(IOException.class);
        StoreJournal.Entry c = journal.begin("s/t/c.dcm", "AE"); // into a new segment, not after a cut line
        assertThat(segments()).hasSize(2);
        assertThat(StoreJournal.pending(dir)).extracting(StoreJournal.InFlight::relative)
                .containsExactly("s/t/a.dcm", "s/t/c.dcm");

        a.end(); // cannot be written to the broken segment; the segment goes once nothing in it is open
        assertThat(segments()).hasSize(1);
        c.end();
        journal.close();
        assertThat(dir).isEmptyDirectory();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
