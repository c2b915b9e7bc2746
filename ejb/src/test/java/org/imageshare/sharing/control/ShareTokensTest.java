// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShareTokensTest {

    @Test
    void tokensAre256RandomBitsInUrlSafeBase64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String token = ShareTokens.newToken();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
            assertThat(ShareTokens.wellFormed(token)).isTrue();
            seen.add(token);
        }
        assertThat(seen).as("no repeats in 2,000").hasSize(2_000);
    }

    @Test
    void theHashIsSha256HexAndDiffersForATamperedToken() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(ShareTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String token = ShareTokens.newToken();
        String tampered = token.substring(0, 42) + (token.charAt(42) == 'A' ? 'B' : 'A');
        assertThat(ShareTokens.hash(token)).hasSize(64).isNotEqualTo(ShareTokens.hash(tampered))
                .doesNotContain(token);
        assertThat(ShareTokens.wellFormed(tampered)).isTrue();
        assertThat(ShareTokens.wellFormed("<script>")).isFalse();
        assertThat(ShareTokens.hash(null)).isEqualTo(ShareTokens.hash(""));
    }

    @Test
    void overlongInputCostsNoMoreThanATokenToHash() {
        String huge = "x".repeat(1_000_000);
        assertThat(ShareTokens.hash(huge)).isEqualTo(ShareTokens.hash("x".repeat(128)));
    }

    @Test
    void hashesAreComparedInConstantTime() {
        String a = ShareTokens.hash("one");
        assertThat(ShareTokens.sameHash(a, ShareTokens.hash("one"))).isTrue();
        assertThat(ShareTokens.sameHash(a, ShareTokens.hash("two"))).isFalse();
        assertThat(ShareTokens.sameHash(a, null)).isFalse();
        // a difference in the first character and one in the last take about as long (MessageDigest.isEqual
        // looks at every byte): medians of many runs, a generous bound against a noisy shared machine; the runs
        // of the two alternate, so a burst of load from elsewhere slows both alike (it failed in a build at load
        // ~13 when all runs of one came before all runs of the other)
        String first = (a.charAt(0) == '0' ? '1' : '0') + a.substring(1);
        String last = a.substring(0, 63) + (a.charAt(63) == '0' ? '1' : '0');
        for (int warm = 0; warm < 200_000; warm++) {
            ShareTokens.sameHash(a, first);
            ShareTokens.sameHash(a, last);
        }
        long[] early = new long[101];
        long[] late = new long[early.length];
        for (int round = 0; round < early.length; round++) {
            early[round] = time(a, first);
            late[round] = time(a, last);
        }
        long earlyMedian = median(early);
        long lateMedian = median(late);
        assertThat((double) Math.max(earlyMedian, lateMedian) / Math.max(1, Math.min(earlyMedian, lateMedian))).isLessThan(3.0);
    }

    /** Nanoseconds for 2,000 comparisons of a with b. */
    private static long time(String a, String b) {
        long start = System.nanoTime();
        for (int i = 0; i < 2_000; i++) {
            ShareTokens.sameHash(a, b);
        }
        return System.nanoTime() - start;
    }

    private static long median(long[] times) {
        long[] sorted = times.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
