// SPDX-License-Identifier: Apache-2.0
package org.imageshare.study.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnmatchedStudyViewTest {

    @Test
    void showsADicomPersonNameAsPeopleWriteIt() {
        assertThat(UnmatchedStudyView.displayName("Nowak^Zofia^Maria^Dr^")).isEqualTo("Nowak, Zofia Maria");
        assertThat(UnmatchedStudyView.displayName("Yamada^Tarou=山田^太郎")).isEqualTo("Yamada, Tarou");
        assertThat(UnmatchedStudyView.displayName("Nowak")).isEqualTo("Nowak");
        assertThat(UnmatchedStudyView.displayName("^Zofia")).isEqualTo("Zofia");
        assertThat(UnmatchedStudyView.displayName("")).isEmpty();
        assertThat(UnmatchedStudyView.displayName(null)).isEmpty();
    }
}
