// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.imageshare.mail.control.MailTemplates.Rendered;
import org.junit.jupiter.api.Test;

class ShareMailsTest {

    @Test
    void theRecipientMailHasTheLinkExpiryContactAndCodeHintAndEscapesHtml() {
        String link = "https://images.example.org/s/abc_DEF-123";
        Rendered mail = ShareMails.toRecipient("St. <Mary> & Co", link, Instant.parse("2026-12-27T10:00:00Z"),
                "the desk, +41 00", true);
        assertThat(mail.text()).contains(link, "27 December 2026", "St. <Mary> & Co", "the desk, +41 00", "access code");
        assertThat(mail.html()).contains("href=\"" + link + "\"", "St. &lt;Mary&gt; &amp; Co")
                .doesNotContain("<Mary>");
        assertThat(mail.subject()).doesNotContain("patient name");
    }

    @Test
    void aLinkEndsUpInTheAccessLogById() {
        assertThat(AccessLogEntry.shareIdIn("share 42: opened (open 1)")).isEqualTo(42L);
        assertThat(AccessLogEntry.shareIdIn("share 4200")).isEqualTo(4200L);
        assertThat(AccessLogEntry.shareIdIn("welcome mail 9")).isNull();
        assertThat(AccessLogEntry.shareIdIn(null)).isNull();
    }
}
