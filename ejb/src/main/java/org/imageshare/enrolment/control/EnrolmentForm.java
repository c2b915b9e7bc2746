// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.control;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.imageshare.enrolment.entity.Patient;

/**
 * What the registration desk types in. Dates are ISO {@code yyyy-mm-dd} text so that a bad date is
 * reported against its field instead of failing the whole request.
 */
public record EnrolmentForm(
        @NotBlank @Size(max = Patient.PATIENT_ID_LENGTH) @Pattern(regexp = PRINTABLE, message = PRINTABLE_MESSAGE)
        String patientId,
        @Size(max = Patient.ISSUER_LENGTH) @Pattern(regexp = PRINTABLE_OR_EMPTY, message = PRINTABLE_MESSAGE)
        String issuer,
        @NotBlank @Size(max = Patient.NAME_LENGTH) @Pattern(regexp = NAME, message = NAME_MESSAGE)
        String familyName,
        @NotBlank @Size(max = Patient.NAME_LENGTH) @Pattern(regexp = NAME, message = NAME_MESSAGE)
        String givenName,
        @NotBlank @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date as yyyy-mm-dd")
        String birthDate,
        @Email(message = "must be an e-mail address") @Size(max = Patient.EMAIL_LENGTH)
        String email,
        @Size(max = Patient.PHONE_LENGTH) @Pattern(regexp = "[+0-9 ()/-]*", message = "must be a phone number")
        String phone) {

    static final String PRINTABLE = "[\\p{Graph} ]+";
    static final String PRINTABLE_OR_EMPTY = "[\\p{Graph} ]*";
    static final String PRINTABLE_MESSAGE = "must be printable characters without control codes";
    /** Letters of any script, marks, spaces, apostrophes, dots and hyphens; no DICOM separators (^ = \). */
    static final String NAME = "[\\p{L}\\p{M}' .-]+";
    static final String NAME_MESSAGE = "may contain letters, spaces, apostrophes, dots and hyphens only";

    /** The same form with surrounding blanks removed and empty optional fields as null. */
    public EnrolmentForm normalized() {
        return new EnrolmentForm(strip(patientId), strip(issuer), strip(familyName), strip(givenName),
                strip(birthDate), strip(email), strip(phone));
    }

    private static String strip(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
