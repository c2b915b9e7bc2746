// SPDX-License-Identifier: Apache-2.0
package org.imageshare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Staff → Import CD in a real browser: a ZIP of a disc is uploaded (progress bar), each file's outcome listed. */
@ExtendWith(RunningImageShare.class)
class MediaImportJourneyIT {

    @TempDir
    Path dir;

    @Test
    void staffUploadACdZipAndSeeEveryFilesOutcome(RunningImageShare.Instance app) throws Exception {
        Path image = dir.resolve("IM1");
        Files.copy(Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm"), image);
        Process modify = new ProcessBuilder("dcmodify", "-nb", "-gst", "-gse", "-gin", "-i",
                "(0010,0020)=MI-" + UUID.randomUUID().toString().substring(0, 8), image.toString())
                .redirectErrorStream(true).start();
        modify.getInputStream().readAllBytes();
        assertThat(modify.waitFor(30, TimeUnit.SECONDS) && modify.exitValue() == 0).isTrue();
        Path zip = dir.resolve("disc.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("DICOM/IM1"));
            out.write(Files.readAllBytes(image));
            out.putNextEntry(new ZipEntry("AUTORUN.INF"));
            out.write("[autorun]".getBytes(StandardCharsets.US_ASCII));
        }
        Path notDicom = dir.resolve("notes.txt");
        Files.writeString(notDicom, "not an image");

        try (Browser staff = new Browser(app)) {
            staff.signInStaff(app.adminUser(), app.adminPassword());
            staff.open("/staff/import.xhtml");
            assertThat(staff.heading()).isEqualTo("Import a CD or DVD");
            staff.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(zip.toString());
            staff.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-fileupload-upload"))).click();
            staff.wait.until(d -> d.findElement(By.id("importForm:storedCount")).getText().equals("1"));
            String table = staff.driver.findElement(By.id("importForm:results")).getText();
            assertThat(table).contains("DICOM/IM1", "STORED", "AUTORUN.INF", "SKIPPED", "not a DICOM file");
            assertThat(staff.messages()).contains("disc.zip: 1 stored");
            staff.screenshot("staff-import-cd");

            staff.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(notDicom.toString());
            staff.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-fileupload-upload"))).click();
            staff.wait.until(d -> d.findElements(By.cssSelector(".ui-messages-error")).stream()
                    .anyMatch(e -> e.getText().contains("not a ZIP archive and not a DICOM file")));
            assertThat(staff.driver.findElement(By.id("importForm:storedCount")).getText()).isEqualTo("1");
        }
    }
}
