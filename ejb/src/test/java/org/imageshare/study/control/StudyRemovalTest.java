// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyRemovalTest {

    @TempDir
    Path store;

    @Test
    void deletesTheFilesAndTheirEmptyDirectoriesButNothingOutsideTheStore() throws Exception {
        Path a = Files.createDirectories(store.resolve("s1/r1")).resolve("1.2.3.dcm");
        Path b = Files.createDirectories(store.resolve("s1/r2")).resolve("1.2.4.dcm");
        Path kept = store.resolve("s1/r2/1.2.5.dcm");
        Path outside = Files.createTempFile("outside-", ".dcm");
        for (Path p : List.of(a, b, kept)) {
            Files.writeString(p, "x");
        }

        StudyRemoval.deleteFiles(store, List.of(a, b, store.resolve("s1/missing.dcm"),
                store.resolve("../" + outside.getFileName()).normalize()), "1.2");

        assertThat(a).doesNotExist();
        assertThat(store.resolve("s1/r1")).doesNotExist();
        assertThat(b).doesNotExist();
        assertThat(kept).exists();
        assertThat(store.resolve("s1")).exists();
        assertThat(outside).exists();
        Files.delete(outside);
    }
}
