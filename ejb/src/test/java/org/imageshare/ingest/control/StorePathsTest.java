// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StorePathsTest {

    @Test
    void directoriesAreTheFirst16HexDigitsOfTheSha256OfTheUids() {
        // printf 1.2.3 | sha256sum -> c47f5b18b8a430e6…; 1.2.4 -> 30f3fadac3f9d8b6…
        assertThat(StorePaths.relative("1.2.3", "1.2.4", "1.2.5")).isEqualTo("c47f5b18b8a430e6/30f3fadac3f9d8b6/1.2.5.dcm");
        assertThat(StorePaths.relative("1.2.3", "1.2.4", "1.2.5")).as("the same again: the digest is reset").isEqualTo(
                "c47f5b18b8a430e6/30f3fadac3f9d8b6/1.2.5.dcm");
    }

    @Test
    void threadsDoNotShareADigest() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var results = pool.invokeAll(IntStream.range(0, 8).<Callable<Boolean>>mapToObj(i -> () -> {
                for (int n = 0; n < 2000; n++) {
                    if (!StorePaths.relative("1.2.3", "1.2.4", "1.2." + n).startsWith("c47f5b18b8a430e6/30f3fadac3f9d8b6/")) {
                        return false;
                    }
                }
                return true;
            }).toList());
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void onlyDigitsAndDotsAreUids() {
        assertThat(StorePaths.isUid("1.2.840.10008.1.2")).isTrue();
        assertThat(StorePaths.isUid("1.2.3/../x")).isFalse();
        assertThat(StorePaths.isUid("")).isFalse();
        assertThat(StorePaths.isUid("1." + "2".repeat(70))).isFalse();
    }
}
