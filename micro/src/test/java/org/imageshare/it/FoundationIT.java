// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.imageshare.consent.boundary.ConsentService;
import org.imageshare.consent.control.ConsentState;
import org.imageshare.enrolment.boundary.EnrolmentService;
import org.imageshare.enrolment.control.Enrolment;
import org.imageshare.enrolment.control.EnrolmentForm;
import org.imageshare.enrolment.entity.AccountNumber;
import org.imageshare.login.boundary.PatientSignIn;
import org.imageshare.login.control.PatientIdentity;
import org.imageshare.login.control.SignInOutcome;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.InvalidInput;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Enrolment and patient sign-in through the real boundaries, in Payara Micro, on the real WAR — run
 * once on the embedded H2 database and once on PostgreSQL (see the failsafe executions in the pom).
 */
@ExtendWith(ArquillianExtension.class)
class FoundationIT {

    private static final String BIRTH_DATE = "1971-05-09";

    @Deployment
    static WebArchive deployment() {
        return Deployments.realWar()
                .addClasses(FoundationIT.class, AsRegistrar.class, AsAdmin.class, Probe.class, ConsentProbe.class,
                        RevocationLog.class)
                .addAsWebInfResource(FoundationIT.class.getResource("/glassfish-ejb-jar-foundation.xml"),
                        "glassfish-ejb-jar.xml")
                .addAsWebInfResource(FoundationIT.class.getResource("/glassfish-web.xml"), "glassfish-web.xml");
    }

    @Inject
    AsRegistrar registrar;

    @Inject
    EnrolmentService enrolments;

    @Inject
    PatientSignIn signIn;

    @Inject
    Probe probe;

    @Inject
    AsAdmin admin;

    @Inject
    ConsentService consents;

    @Inject
    ConsentProbe consent;

    @Test
    void enrolmentGivesACheckedAccountNumberAndAPinStoredOnlyAsArgon2idHash() {
        Enrolment enrolment = enrol(uniqueId(), "anna@example.org");

        assertTrue(enrolment.accountNumber().matches("\\d{8}"), enrolment.accountNumber());
        assertTrue(AccountNumber.parse(enrolment.accountNumber()).isPresent(), "check digit must verify");
        assertTrue(enrolment.pin().matches("\\d{6}"));
        String hash = probe.pinHashOf(enrolment.accountNumber());
        assertTrue(hash.startsWith("$argon2id$v=19$"), hash);
        assertFalse(hash.contains(enrolment.pin()));
        List<String> audit = probe.auditLinesOf(enrolment.accountId());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("PATIENT_ENROLLED|")), audit.toString());
        assertTrue(audit.stream().noneMatch(l -> l.contains(enrolment.pin())), "audit must never hold the PIN");
    }

    @Test
    void enrollingTheSamePatientIdAndIssuerTwiceIsAConflictAndMakesNoSecondAccount() {
        String patientId = uniqueId();
        enrol(patientId, null);
        long before = probe.accountCount();

        Conflict conflict = assertThrows(Conflict.class, () -> enrol(patientId, null));

        assertTrue(conflict.getMessage().contains(patientId));
        assertEquals(before, probe.accountCount());
    }

    @Test
    void invalidInputIsReportedAgainstItsField() {
        InvalidInput badDate = assertThrows(InvalidInput.class, () -> registrar.call(() -> enrolments.enrol(
                new EnrolmentForm(uniqueId(), "HOSP", "Doe", "Jane", "2001-02-30", null, null))));
        assertEquals("birthDate", badDate.field());
        InvalidInput badMail = assertThrows(InvalidInput.class, () -> registrar.call(() -> enrolments.enrol(
                new EnrolmentForm(uniqueId(), "HOSP", "Doe", "Jane", BIRTH_DATE, "not-an-address", null))));
        assertEquals("email", badMail.field());
    }

    @Test
    void patientSignsInWithAccountNumberPinAndBirthDateAndTheSessionEndsOnSignOut() {
        Enrolment enrolment = enrol(uniqueId(), null);

        SignInOutcome outcome = signIn.signIn(enrolment.accountNumber(), enrolment.pin(), BIRTH_DATE, address());

        SignInOutcome.SignedIn signedIn = assertInstanceOf(SignInOutcome.SignedIn.class, outcome);
        assertEquals(Optional.of(new PatientIdentity(enrolment.accountId())), signIn.resume(signedIn.token()));
        assertEquals(Optional.empty(), signIn.resume(signedIn.token() + "x"));
        signIn.signOut(signedIn.token());
        assertEquals(Optional.empty(), signIn.resume(signedIn.token()));
    }

    @Test
    void aWrongBirthDateOrPinIsRejectedTheSameWay() {
        Enrolment enrolment = enrol(uniqueId(), null);

        assertInstanceOf(SignInOutcome.Rejected.class,
                signIn.signIn(enrolment.accountNumber(), enrolment.pin(), "1971-05-10", address()));
        assertInstanceOf(SignInOutcome.Rejected.class,
                signIn.signIn(enrolment.accountNumber(), otherPin(enrolment.pin()), BIRTH_DATE, address()));
        assertInstanceOf(SignInOutcome.Rejected.class, signIn.signIn("12345678", "123456", BIRTH_DATE, address()));
    }

    @Test
    void afterThreeFailuresEvenTheRightPinWaitsAndTenFailuresLockUntilStaffUnlock() throws Exception {
        Enrolment enrolment = enrol(uniqueId(), null);
        String wrong = otherPin(enrolment.pin());
        String address = address();
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(SignInOutcome.Rejected.class,
                    signIn.signIn(enrolment.accountNumber(), wrong, BIRTH_DATE, address));
        }
        // backing off (1.5 s in this test configuration, long enough under load): the right PIN is refused too
        assertInstanceOf(SignInOutcome.Rejected.class,
                signIn.signIn(enrolment.accountNumber(), enrolment.pin(), BIRTH_DATE, address));
        int failures = 3;
        while (failures < 10) {
            Thread.sleep(1_600);
            assertInstanceOf(SignInOutcome.Rejected.class,
                    signIn.signIn(enrolment.accountNumber(), wrong, BIRTH_DATE, address));
            failures++;
            assertEquals(failures >= 10, probe.isLocked(enrolment.accountNumber()), "after " + failures + " failures");
        }
        Thread.sleep(1_600);
        assertInstanceOf(SignInOutcome.Rejected.class,
                signIn.signIn(enrolment.accountNumber(), enrolment.pin(), BIRTH_DATE, address), "locked");

        registrar.run(() -> enrolments.unlock(enrolment.accountNumber()));

        assertFalse(probe.isLocked(enrolment.accountNumber()));
        assertInstanceOf(SignInOutcome.SignedIn.class,
                signIn.signIn(enrolment.accountNumber(), enrolment.pin(), BIRTH_DATE, address));
        List<String> audit = probe.auditLinesOf(enrolment.accountId());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("ACCOUNT_LOCKED|")), audit.toString());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("ACCOUNT_UNLOCKED|")), audit.toString());
    }

    @Test
    void aReissuedPinReplacesTheOldOneAtOnceAndEndsOpenSessions() {
        Enrolment first = enrol(uniqueId(), null);
        SignInOutcome.SignedIn session = assertInstanceOf(SignInOutcome.SignedIn.class,
                signIn.signIn(first.accountNumber(), first.pin(), BIRTH_DATE, address()));

        Enrolment reissued = registrar.call(() -> enrolments.reissuePin(first.accountNumber()));

        assertEquals(first.accountNumber(), reissued.accountNumber());
        assertEquals(Optional.empty(), signIn.resume(session.token()));
        if (!reissued.pin().equals(first.pin())) {
            assertInstanceOf(SignInOutcome.Rejected.class,
                    signIn.signIn(first.accountNumber(), first.pin(), BIRTH_DATE, address()));
        }
        assertInstanceOf(SignInOutcome.SignedIn.class,
                signIn.signIn(first.accountNumber(), reissued.pin(), BIRTH_DATE, address()));
    }

    @Test
    void theWelcomeMailTravelsOverJmsToTheDevOutboxWithoutPinOrAccountNumber() throws Exception {
        String recipient = "p" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Enrolment enrolment = enrol(uniqueId(), recipient);

        Optional<String> mail = Optional.empty();
        for (int i = 0; i < 60 && mail.map(m -> !m.startsWith("DEV_OUTBOX|")).orElse(true); i++) {
            Thread.sleep(500);
            mail = probe.mailStatusFor(recipient);
        }

        assertTrue(mail.isPresent() && mail.get().startsWith("DEV_OUTBOX|"), "mail state: " + mail);
        assertFalse(mail.get().contains(enrolment.pin()));
        assertFalse(mail.get().contains(enrolment.accountNumber()));
    }

    @Test
    void enrolmentNeedsAStaffRole() {
        assertThrows(Exception.class, () -> enrolments.enrol(
                new EnrolmentForm(uniqueId(), "HOSP", "Doe", "Jane", BIRTH_DATE, null, null)));
    }

    @Test
    void aPatientConsentsToTheCurrentTextOnlyAndItIsAudited() {
        Enrolment patient = enrol(uniqueId(), null);
        ConsentState before = consent.state(patient.accountId());
        assertFalse(before.consented());
        assertFalse(before.text().isBlank());

        assertThrows(InvalidInput.class, () -> consent.give(patient.accountId(), null));
        assertThrows(Conflict.class, () -> consent.give(patient.accountId(), before.version() + 1));
        consent.give(patient.accountId(), before.version());
        consent.give(patient.accountId(), before.version());

        ConsentState after = consent.state(patient.accountId());
        assertTrue(after.consented());
        assertEquals("E_CONSENT", after.category());
        assertTrue(after.consentedAt() != null);
        assertEquals(List.of("ACTIVE|E_CONSENT|patient:" + patient.accountId() + "|" + before.version() + "|false"),
                consent.history(patient.accountId()));
        List<String> audit = probe.auditLinesOf(patient.accountId());
        assertEquals(1, audit.stream().filter(l -> l.startsWith("CONSENT_GIVEN|patient:" + patient.accountId()
                + "|")).count(), audit.toString());
    }

    @Test
    void revokingEndsTheConsentKeepsItsHistoryAndTellsSharing() {
        Enrolment patient = enrol(uniqueId(), null);
        int version = consent.state(patient.accountId()).version();
        consent.give(patient.accountId(), version);

        consent.revoke(patient.accountId());

        assertFalse(consent.state(patient.accountId()).consented());
        String me = "patient:" + patient.accountId();
        assertEquals(List.of("REJECTED|E_CONSENT|" + me + "|" + version + "|true",
                "INACTIVE|E_CONSENT|" + me + "|" + version + "|true"), consent.history(patient.accountId()));
        assertTrue(consent.revocationFiredFor(patient.accountId()));
        assertTrue(probe.auditLinesOf(patient.accountId()).stream().anyMatch(l -> l.startsWith("CONSENT_REVOKED|" + me)));
    }

    @Test
    void aNewTextVersionAsksAgainAndRefusesConsentToTheOldOne() {
        Enrolment patient = enrol(uniqueId(), null);
        int old = consent.state(patient.accountId()).version();
        consent.give(patient.accountId(), old);

        int published = admin.call(() -> consents.publish("  Version for the test run " + uniqueId() + "\r\n "));

        assertEquals(old + 1, published);
        ConsentState asked = consent.state(patient.accountId());
        assertFalse(asked.consented());
        assertEquals(published, asked.version());
        assertTrue(asked.text().startsWith("Version for the test run IT-"));
        assertThrows(Conflict.class, () -> consent.give(patient.accountId(), old));
        consent.give(patient.accountId(), published);
        assertTrue(consent.state(patient.accountId()).consented());
        assertEquals("INACTIVE", consent.history(patient.accountId()).get(1).split("\\|")[0]);
    }

    @Test
    void paperConsentIsAttestedByTheStaffMemberAndOnlyAdminsPublishTexts() {
        Enrolment patient = enrol(uniqueId(), null);
        int version = registrar.call(() -> consents.currentText().version());

        registrar.run(() -> consents.recordPaperConsent(patient.accountNumber(), version));

        ConsentState state = registrar.call(() -> consents.stateOf(patient.accountNumber()));
        assertTrue(state.consented());
        assertEquals("PAPER", state.category());
        assertEquals("ACTIVE|PAPER|registrar|" + version + "|false", consent.history(patient.accountId()).get(0));
        assertTrue(probe.auditLinesOf(patient.accountId()).stream().anyMatch(l -> l.startsWith("CONSENT_GIVEN|registrar|")));
        assertThrows(Conflict.class,
                () -> registrar.run(() -> consents.recordPaperConsent(patient.accountNumber(), version + 1)));
        assertThrows(Exception.class, () -> registrar.call(() -> consents.publish("Not allowed")));
        assertThrows(Exception.class, () -> consents.currentText());
    }

    private Enrolment enrol(String patientId, String email) {
        return registrar.call(() -> enrolments.enrol(
                new EnrolmentForm(patientId, "HOSP", "Kowalska", "Łucja", BIRTH_DATE, email, null)));
    }

    private static String uniqueId() {
        return "IT-" + UUID.randomUUID();
    }

    /** Each test signs in from its own address so the per-address limit of one test cannot touch another. */
    private static String address() {
        return "10.9." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }

    private static String otherPin(String pin) {
        return pin.equals("000001") ? "000002" : "000001";
    }
}
