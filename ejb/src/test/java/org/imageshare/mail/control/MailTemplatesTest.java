// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    @Test
    void welcomeMailHasBothPartsAndEscapesEveryValueInHtml() {
        MailTemplates.Rendered mail = new MailTemplates().welcome("St. <Mary> & \"Co\"", "https://images.example.org/",
                "desk@example.org");

        assertThat(mail.text()).contains("https://images.example.org/", "St. <Mary>");
        assertThat(mail.html()).contains("St. &lt;Mary&gt; &amp; &quot;Co&quot;").doesNotContain("<Mary>");
        assertThat(mail.html()).contains("href=\"https://images.example.org/\"");
    }
}
