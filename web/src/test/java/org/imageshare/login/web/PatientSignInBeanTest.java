// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatientSignInBeanTest {

    @Test
    void threeFieldsBecomeAnIsoDateWithLeadingZeros() {
        assertThat(dateOf("7", "3", "1985")).isEqualTo("1985-03-07");
        assertThat(dateOf(" 27 ", "12", "2001")).isEqualTo("2001-12-27");
    }

    @Test
    void anythingElseBecomesNoDateSoSignInFailsLikeAnyWrongAnswer() {
        assertThat(dateOf("", "3", "1985")).isEmpty();
        assertThat(dateOf("7", "3", "85")).isEmpty();
        assertThat(dateOf("7", "March", "1985")).isEmpty();
        assertThat(dateOf("123", "3", "1985")).isEmpty();
        assertThat(dateOf(null, null, null)).isEmpty();
    }

    private static String dateOf(String day, String month, String year) {
        PatientSignInBean bean = new PatientSignInBean();
        bean.setDay(day);
        bean.setMonth(month);
        bean.setYear(year);
        return bean.birthDate();
    }
}
