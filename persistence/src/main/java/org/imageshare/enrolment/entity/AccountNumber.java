// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.entity;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * A patient's 8-digit account number: seven random digits and a Damm check digit. Damm catches every
 * single-digit error and every adjacent transposition, so a mistyped number is rejected before any
 * look-up or PIN check.
 */
public final class AccountNumber {

    public static final int LENGTH = 8;

    private static final int[][] DAMM = {
        {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
        {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
        {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
        {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
        {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
        {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
        {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
        {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
        {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
        {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}
    };

    private final String digits;

    private AccountNumber(String digits) {
        this.digits = digits;
    }

    /** A fresh random number; the first digit is never 0 so that spreadsheets keep all eight digits. */
    public static AccountNumber random(SecureRandom random) {
        StringBuilder body = new StringBuilder(LENGTH);
        body.append(1 + random.nextInt(9));
        for (int i = 1; i < LENGTH - 1; i++) {
            body.append(random.nextInt(10));
        }
        return new AccountNumber(body.toString() + checkDigit(body));
    }

    /** Parses user input: spaces and dashes are ignored; empty if it is not a valid account number. */
    public static Optional<AccountNumber> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String cleaned = input.replaceAll("[\\s-]", "");
        if (cleaned.length() != LENGTH || !cleaned.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return checkDigit(cleaned) == 0 ? Optional.of(new AccountNumber(cleaned)) : Optional.empty();
    }

    /** The Damm interim digit of the given digits; 0 for a string that ends in its own check digit. */
    static int checkDigit(CharSequence digits) {
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) {
            interim = DAMM[interim][digits.charAt(i) - '0'];
        }
        return interim;
    }

    public String value() {
        return digits;
    }

    /** Grouped for print: {@code 1234 5678}. */
    public String formatted() {
        return digits.substring(0, 4) + " " + digits.substring(4);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountNumber a && a.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }

    /** Account numbers are not secret but are personal: logs get only the last two digits. */
    @Override
    public String toString() {
        return "AccountNumber[******" + digits.substring(LENGTH - 2) + "]";
    }
}
