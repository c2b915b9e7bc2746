// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShareGrantsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final ShareGrants grants = new ShareGrants();
    private final String hash = ShareTokens.hash(ShareTokens.newToken());

    @Test
    void aGrantOpensItsOwnLinkUntilItsTime() {
        String value = grants.issue(42, hash, NOW.plusSeconds(3600));
        assertThat(grants.valid(value, 42, hash, NOW)).isTrue();
        assertThat(grants.valid(value, 42, hash, NOW.plusSeconds(3599))).isTrue();
        assertThat(grants.valid(value, 42, hash, NOW.plusSeconds(3600))).as("expired").isFalse();
    }

    @Test
    void aGrantIsWorthlessForAnotherLinkAnotherServerOrWhenAltered() {
        String value = grants.issue(42, hash, NOW.plusSeconds(3600));
        assertThat(grants.valid(value, 43, hash, NOW)).isFalse();
        assertThat(grants.valid(value, 42, ShareTokens.hash("other"), NOW)).isFalse();
        assertThat(new ShareGrants().valid(value, 42, hash, NOW)).as("another key").isFalse();
        String later = (NOW.getEpochSecond() + 999_999) + value.substring(value.indexOf('.'));
        assertThat(grants.valid(later, 42, hash, NOW)).as("time moved").isFalse();
        assertThat(grants.valid(null, 42, hash, NOW)).isFalse();
        assertThat(grants.valid("garbage", 42, hash, NOW)).isFalse();
        assertThat(grants.valid("1.%%%", 42, hash, NOW)).isFalse();
    }
}
