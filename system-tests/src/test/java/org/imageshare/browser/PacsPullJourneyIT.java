// SPDX-License-Identifier: Apache-2.0
package org.imageshare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.imageshare.pacs.OrthancPacs;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser (Debian Chromium), Orthanc as the PACS: an admin sets the PACS under
 * Staff → DICOM and tests the connection; then searches a patient's studies under Pull from PACS, ticks
 * one, retrieves it, and watches the task reach DONE with its image count. Screenshots for the docs.
 * Runs on the shared instance: it leaves a saved PACS (no other class there uses one) and an unmatched study.
 */
@ExtendWith(RunningImageShare.class)
class PacsPullJourneyIT {

    @TempDir
    Path dir;

    @Test
    void anAdminConfiguresThePacsSearchesItAndRetrievesAStudyFromThePages(RunningImageShare.Instance app)
            throws Exception {
        try (OrthancPacs pacs = OrthancPacs.start(dir.resolve("orthanc"), "IMAGESHARE", app.dicomPort());
             Browser admin = new Browser(app)) {
            String patientId = "WEB-" + System.nanoTime() % 1_000_000;
            pacs.uploadStudy(patientId, "20220815", 3);

            admin.signInStaff(app.adminUser(), app.adminPassword());
            admin.open("/staff/admin/dicom.xhtml");
            assertThat(admin.heading()).isEqualTo("DICOM");
            admin.type("pacs:aeTitle", OrthancPacs.AE_TITLE);
            admin.type("pacs:host", "127.0.0.1");
            var port = admin.byId("pacs:port_input"); // an AutoNumeric field: select all, then type
            port.sendKeys(Keys.chord(Keys.CONTROL, "a"));
            port.sendKeys(Keys.BACK_SPACE);
            port.sendKeys(String.valueOf(pacs.dicomPort()));
            admin.click("pacs:test");
            admin.awaitAjax();
            assertThat(admin.byId("pacs:echoResult").getText()).startsWith("Connected");
            admin.click("pacs:save");
            assertThat(admin.messages()).contains("ImageShare searches and retrieves from " + OrthancPacs.AE_TITLE);
            admin.screenshot("admin-dicom");

            admin.open("/staff/pull.xhtml");
            admin.type("search:patientId", patientId);
            admin.click("search:find");
            admin.awaitAjax();
            assertThat(admin.byId("search:studies").getText()).contains("2022-08-15").contains("3 images");
            var boxes = admin.driver.findElements(By.cssSelector("[id='search:studies'] tbody .ui-chkbox-box"));
            assertThat(boxes).as(admin.byId("search:studies").getAttribute("outerHTML")).isNotEmpty();
            boxes.get(0).click();
            admin.click("search:retrieve");
            admin.awaitAjax();
            // the task table is re-rendered by the page's poll: a row read mid-update is read again
            String done = new WebDriverWait(admin.driver, Duration.ofSeconds(90))
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> {
                        String text = d.findElement(By.id("tasks:taskTable")).getText();
                        return text.contains("DONE") ? text : null;
                    });
            assertThat(done).contains("3 received, 0 failed");
            admin.screenshot("staff-pull");
        }
    }
}
