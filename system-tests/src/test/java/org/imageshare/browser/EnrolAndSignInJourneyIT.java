// SPDX-License-Identifier: Apache-2.0
package org.imageshare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The registration desk enrols a patient in a real browser, prints the handout, and the patient signs in with
 * the numbers printed on it. Saves screenshots of the pages to docs/screenshots/.
 */
@ExtendWith(RunningImageShare.class)
class EnrolAndSignInJourneyIT {

    private static final String NEUTRAL_ERROR = "Sign-in failed. Check your account number, PIN and date of birth.";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Handout(String text, String accountNumber, String pin) {
    }

    @Test
    void enrolledPatientSignsInWithTheNumbersFromTheHandout(RunningImageShare.Instance app) throws IOException {
        String patientId = "BT-" + (100000 + RANDOM.nextInt(900000));
        Handout handout;
        try (Browser staff = new Browser(app)) {
            staff.open("/login.xhtml");
            assertThat(staff.heading()).isEqualTo("Staff sign-in");
            staff.screenshot("staff-sign-in");
            staff.signInStaff(app.adminUser(), app.adminPassword());
            assertThat(staff.heading()).isEqualTo("Dashboard");
            staff.screenshot("staff-dashboard");

            staff.open("/staff/enrol.xhtml");
            assertThat(staff.byId("enrol:issuer").getAttribute("value")).isNotBlank();
            staff.type("enrol:patientId", patientId);
            staff.type("enrol:familyName", "Kowalská");
            staff.type("enrol:givenName", "Łucja");
            staff.type("enrol:birthDate", "1985-03-27");
            staff.type("enrol:email", "lucja.kowalska@example.org");
            staff.type("enrol:phone", "+48 12 345 67 89");
            staff.screenshot("staff-enrol-form");
            staff.click("enrol:enrolButton");
            String shownNumber = staff.byId("issued-account-number").getText().replace(" ", "");
            String shownPin = staff.byId("issued-pin").getText();
            assertThat(shownNumber).matches("\\d{8}");
            assertThat(shownPin).matches("\\d{6}");
            assertThat(staff.driver.findElement(By.cssSelector(".issued")).getText())
                    .contains("Łucja Kowalská").contains("will not be shown again");
            staff.screenshot("staff-enrol-result");

            String href = staff.byId("enrol:handoutLink").getAttribute("href");
            assertThat(staff.byId("enrol:handoutLink").getAttribute("target")).isEqualTo("_blank");
            handout = read(staff.fetchWithCookies(href));
            assertThat(handout.accountNumber()).isEqualTo(shownNumber);
            assertThat(handout.pin()).isEqualTo(shownPin);
            assertThat(handout.text()).contains("Łucja Kowalská");

            // the same patient ID again: a clear conflict, no second account
            staff.open("/staff/enrol.xhtml");
            staff.type("enrol:patientId", patientId);
            staff.type("enrol:familyName", "Kowalská");
            staff.type("enrol:givenName", "Łucja");
            staff.type("enrol:birthDate", "1985-03-27");
            staff.click("enrol:enrolButton");
            assertThat(staff.messages()).contains("already enrolled");
            assertThat(staff.driver.findElements(By.id("issued-pin"))).isEmpty();
            staff.screenshot("staff-enrol-conflict");

            staff.open("/staff/patients.xhtml");
            staff.type("patients:query", "Kowal");
            staff.click("patients:search");
            staff.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patients:results"), patientId));
            staff.screenshot("staff-patients");

            staff.open("/staff/admin/audit.xhtml");
            staff.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit:lines"),
                    "PATIENT_ENROLLED"));
            staff.screenshot("admin-audit");

            staff.open("/staff/admin/consent.xhtml");
            assertThat(staff.heading()).isEqualTo("Consent text");
            assertThat(staff.driver.getPageSource()).contains("Current text (version");
            staff.screenshot("admin-consent");

            staff.open("/staff/admin/outbox.xhtml");
            staff.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outbox:mails"),
                    "lucja.kowalska@example.org"));
            staff.click("outbox:mails:0:view");
            staff.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("pre.mail-body")));
            staff.screenshot("admin-outbox");
            staff.driver.findElement(By.cssSelector("#outbox\\:mailDialog .ui-dialog-titlebar-close")).click();
            staff.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("outbox:mailDialog")));

            staff.signOut();
            assertThat(staff.heading()).isEqualTo("Staff sign-in");
        }

        try (Browser patient = new Browser(app)) {
            patient.open("/");
            assertThat(patient.heading()).isEqualTo("Sign in");
            patient.screenshot("patient-sign-in");
            signInPatient(patient, groupedAsPrinted(handout.accountNumber()), handout.pin());
            patient.awaitPath("/patient/index.xhtml");
            assertThat(patient.byId("images").getText()).contains("Your images")
                    .contains("appear here once the hospital has sent them");
            patient.screenshot("patient-home");

            assertThat(patient.byId("consent").getText()).contains("I agree");
            patient.click("consentForm:agree");
            patient.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("consent"), "You agreed on"));
            patient.screenshot("patient-consent");
            patient.click("consentForm:withdraw");
            patient.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
            patient.byId("consentForm:agree");
            patient.signOut();

            patient.open("/patient/index.xhtml");
            patient.awaitPath("/index.xhtml"); // signed out means signed out

            signInPatient(patient, handout.accountNumber(), wrong(handout.pin()));
            assertThat(patient.messages()).contains(NEUTRAL_ERROR);
            patient.screenshot("patient-sign-in-error");
        }
    }

    @Test
    void registrarCannotOpenTheAdminPages(RunningImageShare.Instance app) {
        String username = "reg" + (1000 + RANDOM.nextInt(9000));
        String password;
        try (Browser admin = new Browser(app)) {
            admin.signInStaff(app.adminUser(), app.adminPassword());
            admin.open("/staff/admin/users.xhtml");
            admin.type("users:username", username);
            admin.type("users:displayName", "Rita Registrar");
            admin.click("users:create");
            password = admin.byId("issued-password").getText();
            assertThat(password).hasSizeGreaterThanOrEqualTo(12);
            assertThat(admin.driver.findElement(By.id("users:staff")).getText()).contains(username);
            admin.screenshot("admin-users");
        }
        try (Browser registrar = new Browser(app)) {
            registrar.signInStaff(username, password);
            assertThat(registrar.driver.findElements(By.linkText("Staff users"))).isEmpty();
            registrar.open("/staff/admin/users.xhtml");
            assertThat(registrar.heading()).isEqualTo("You cannot open this page");
            assertThat(registrar.driver.getPageSource()).doesNotContain("Exception");
            registrar.screenshot("registrar-forbidden");
        }
    }

    @Test
    void patientSignInFitsAPhone(RunningImageShare.Instance app) {
        try (Browser phone = new Browser(app)) {
            phone.emulatePhone();
            phone.open("/");
            assertThat(phone.heading()).isEqualTo("Sign in");
            long overflow = ((Number) phone.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
            assertThat(overflow).as("horizontal overflow in px").isLessThanOrEqualTo(0);
            assertThat(phone.byId("signin:accountNumber").getAttribute("inputmode")).isEqualTo("numeric");
            phone.screenshot("patient-sign-in-phone");
        }
    }

    private static void signInPatient(Browser browser, String accountNumber, String pin) {
        browser.open("/index.xhtml");
        browser.type("signin:accountNumber", accountNumber);
        browser.type("signin:pin", pin);
        browser.type("signin:day", "27");
        browser.type("signin:month", "3");
        browser.type("signin:year", "1985");
        browser.click("signin:signIn");
    }

    static Handout read(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        }
        // the two boxes stand side by side: "ACCOUNT NUMBER  PIN" above "1234 5678  123456"
        Matcher numbers = Pattern.compile("(?is)account\\s+number.*?\\b(\\d{4} ?\\d{4})\\b.*?\\b(\\d{6})\\b").matcher(text);
        assertThat(numbers.find()).as("account number and PIN in the handout text:%n%s", text).isTrue();
        return new Handout(text, numbers.group(1).replace(" ", ""), numbers.group(2));
    }

    private static String groupedAsPrinted(String accountNumber) {
        return accountNumber.substring(0, 4) + " " + accountNumber.substring(4);
    }

    private static String wrong(String pin) {
        return pin.equals("000000") ? "111111" : "000000";
    }
}
