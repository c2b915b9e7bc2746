// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableMarkersTest {

    @TempDir
    Path dir;

    @Test
    void markersGoOnlyAfterACheckpointThatFollowedTheirCommit() throws Exception {
        List<String> events = new ArrayList<>();
        DurableMarkers markers = new DurableMarkers(() -> events.add("checkpoint"));
        assertThat(markers.flush()).as("nothing committed: no checkpoint").isZero();
        assertThat(events).isEmpty();

        Path a = Files.createFile(dir.resolve("a"));
        Path b = Files.createFile(dir.resolve("b"));
        markers.accept(a);
        markers.accept(b);
        assertThat(a).exists();
        assertThat(markers.pending()).isEqualTo(2);

        assertThat(markers.flush()).isEqualTo(2);
        assertThat(events).containsExactly("checkpoint");
        assertThat(a).doesNotExist();
        assertThat(b).doesNotExist();
        assertThat(markers.pending()).isZero();
    }

    @Test
    void aFailedCheckpointKeepsTheMarkersForTheNextFlush() throws Exception {
        boolean[] down = {true};
        DurableMarkers markers = new DurableMarkers(() -> {
            if (down[0]) {
                throw new java.sql.SQLException("database down");
            }
        });
        Path a = Files.createFile(dir.resolve("a"));
        markers.accept(a);

        assertThat(markers.flush()).isZero();
        assertThat(a).exists();
        assertThat(markers.pending()).isEqualTo(1);

        down[0] = false;
        assertThat(markers.flush()).isEqualTo(1);
        assertThat(a).doesNotExist();
    }
}
