// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.InvalidInput;
import org.junit.jupiter.api.Test;

class ConsentRulesTest {

    @Test
    void theCurrentVersionIsAccepted() {
        assertThat(ConsentRules.checkVersion(3, 3)).isEqualTo(3);
    }

    @Test
    void aMissingVersionIsInvalidInputOnTheVersionField() {
        assertThatThrownBy(() -> ConsentRules.checkVersion(null, 3))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("version"));
    }

    @Test
    void anOlderOrUnknownVersionIsAConflictNamingTheNewerText() {
        assertThatThrownBy(() -> ConsentRules.checkVersion(2, 3)).isInstanceOf(Conflict.class)
                .hasMessageContaining("newer consent text");
        assertThatThrownBy(() -> ConsentRules.checkVersion(4, 3)).isInstanceOf(Conflict.class);
    }

    @Test
    void aNewTextIsTrimmedWithUnixLineEnds() {
        assertThat(ConsentRules.checkText("  I agree.\r\n\r\nReally.\r ")).isEqualTo("I agree.\n\nReally.");
    }

    @Test
    void aBlankOrOverlongTextIsRefused() {
        assertThatThrownBy(() -> ConsentRules.checkText(" \n ")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> ConsentRules.checkText(null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> ConsentRules.checkText("x".repeat(20_001))).isInstanceOf(InvalidInput.class);
    }
}
