// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableMarkersTest {

    @TempDir
    Path dir;

    @Test
    void entriesEndOnlyAfterACheckpointThatFollowedTheirCommit() throws Exception {
        List<String> events = new ArrayList<>();
        DurableMarkers markers = new DurableMarkers(() -> events.add("checkpoint"));
        assertThat(markers.flush()).as("nothing committed: no checkpoint").isZero();
        assertThat(events).isEmpty();

        StoreJournal journal = StoreJournal.open(dir);
        markers.accept(journal.begin("a/b/1.dcm", "AE"));
        markers.accept(journal.begin("a/b/2.dcm", "AE"));
        assertThat(StoreJournal.pending(dir)).as("committed, not yet durable: still open").hasSize(2);
        assertThat(markers.pending()).isEqualTo(2);

        assertThat(markers.flush()).isEqualTo(2);
        assertThat(events).containsExactly("checkpoint");
        assertThat(StoreJournal.pending(dir)).isEmpty();
        assertThat(journal.open()).isZero();
        assertThat(markers.pending()).isZero();
    }

    @Test
    void aFailedCheckpointKeepsTheEntriesOpenForTheNextFlush() throws Exception {
        boolean[] down = {true};
        DurableMarkers markers = new DurableMarkers(() -> {
            if (down[0]) {
                throw new java.sql.SQLException("database down");
            }
        });
        StoreJournal journal = StoreJournal.open(dir);
        markers.accept(journal.begin("a/b/1.dcm", "AE"));

        assertThat(markers.flush()).isZero();
        assertThat(StoreJournal.pending(dir)).hasSize(1);
        assertThat(markers.pending()).isEqualTo(1);

        down[0] = false;
        assertThat(markers.flush()).isEqualTo(1);
        assertThat(StoreJournal.pending(dir)).isEmpty();
    }
}
