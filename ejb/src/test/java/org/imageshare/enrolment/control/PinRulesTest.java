// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.imageshare.platform.control.InvalidInput;
import org.junit.jupiter.api.Test;

class PinRulesTest {

    @Test
    void generatedPinsAreSixDigitsAndNeverWeak() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String pin = PinRules.generate();
            assertThat(pin).matches("\\d{6}");
            assertThat(PinRules.isWeak(pin)).isFalse();
            seen.add(pin);
        }
        assertThat(seen).hasSizeGreaterThan(4_900);
    }

    @Test
    void weakOrMalformedPinsAreRefusedAgainstTheirField() {
        for (String bad : new String[] {"123456", "000000", "111112", "12345", "1234567", "12a456", "", null}) {
            assertThatThrownBy(() -> PinRules.check("newPin", bad)).isInstanceOf(InvalidInput.class)
                    .extracting(e -> ((InvalidInput) e).field()).isEqualTo("newPin");
        }
        PinRules.check("newPin", "583920");
    }
}
