// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.control;

import java.time.Instant;
import java.time.LocalDate;
import org.imageshare.enrolment.entity.Patient;
import org.imageshare.enrolment.entity.PatientAccount;

/** An enrolled patient as staff pages show them (no secrets). */
public record PatientView(long accountId, String accountNumber, String patientId, String issuer, String familyName,
        String givenName, LocalDate birthDate, String email, String phone, Instant enrolledAt, boolean locked,
        int failedAttempts, Instant lastSignInAt) {

    public static PatientView of(PatientAccount account) {
        Patient p = account.getPatient();
        return new PatientView(account.getId(), account.getAccountNumber().value(), p.getPatientId(), p.getIssuer(),
                p.getFamilyName(), p.getGivenName(), p.getBirthDate(), p.getEmail(), p.getPhone(), p.getCreatedAt(),
                account.isLocked(), account.getFailedAttempts(), account.getLastSignInAt().orElse(null));
    }

    public String displayName() {
        return familyName + ", " + givenName;
    }

    @Override
    public String toString() {
        return "PatientView[account=" + accountId + "]";
    }
}
