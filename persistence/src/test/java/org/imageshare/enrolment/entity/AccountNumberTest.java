// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountNumberTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void randomNumbersHaveEightDigitsNoLeadingZeroAndAValidCheckDigit() {
        for (int i = 0; i < 10_000; i++) {
            AccountNumber number = AccountNumber.random(random);
            assertThat(number.value()).matches("[1-9]\\d{7}");
            assertThat(AccountNumber.parse(number.value())).contains(number);
        }
    }

    @Test
    void everySingleDigitErrorIsDetected() {
        AccountNumber number = AccountNumber.random(random);
        char[] digits = number.value().toCharArray();
        for (int position = 0; position < digits.length; position++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d == number.value().charAt(position)) {
                    continue;
                }
                char[] typo = digits.clone();
                typo[position] = d;
                assertThat(AccountNumber.parse(new String(typo))).as("typo at %d", position).isEmpty();
            }
        }
    }

    @Test
    void everyAdjacentTranspositionIsDetected() {
        for (int n = 0; n < 2_000; n++) {
            String value = AccountNumber.random(random).value();
            for (int i = 0; i + 1 < value.length(); i++) {
                if (value.charAt(i) == value.charAt(i + 1)) {
                    continue;
                }
                char[] swapped = value.toCharArray();
                swapped[i] = value.charAt(i + 1);
                swapped[i + 1] = value.charAt(i);
                assertThat(AccountNumber.parse(new String(swapped))).as("%s swapped at %d", value, i).isEmpty();
            }
        }
    }

    @Test
    void knownDammVector() {
        // Damm's published example: 572 has check digit 4
        assertThat(AccountNumber.checkDigit("572")).isEqualTo(4);
        assertThat(AccountNumber.checkDigit("5724")).isZero();
    }

    @Test
    void userInputMayContainSpacesAndDashesButNothingElse() {
        AccountNumber number = AccountNumber.random(random);
        String v = number.value();
        assertThat(AccountNumber.parse(v.substring(0, 4) + " " + v.substring(4))).contains(number);
        assertThat(AccountNumber.parse(v.substring(0, 4) + "-" + v.substring(4))).contains(number);
        assertThat(AccountNumber.parse(v + "0")).isEmpty();
        assertThat(AccountNumber.parse(v.substring(1))).isEmpty();
        assertThat(AccountNumber.parse("12a45678")).isEmpty();
        assertThat(AccountNumber.parse(null)).isEmpty();
        assertThat(AccountNumber.parse("١٢٣٤٥٦٧٨")).isEmpty();
    }

    @Test
    void neighboursAreNotPredictable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            seen.add(AccountNumber.random(random).value());
        }
        assertThat(seen).hasSizeGreaterThan(990);
    }

    @Test
    void toStringShowsOnlyTheLastTwoDigits() {
        AccountNumber number = AccountNumber.random(random);
        assertThat(number.toString()).doesNotContain(number.value().substring(0, 6))
                .endsWith(number.value().substring(6) + "]");
        assertThat(number.formatted()).isEqualTo(number.value().substring(0, 4) + " " + number.value().substring(4));
    }
}
