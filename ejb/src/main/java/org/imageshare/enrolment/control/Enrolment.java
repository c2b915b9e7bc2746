// SPDX-License-Identifier: Apache-2.0
package org.imageshare.enrolment.control;

/**
 * The result of an enrolment or a PIN re-issue: the numbers to hand over once, and the id under which
 * the printable handout can be fetched for a short while. The PIN exists nowhere else in clear.
 */
public record Enrolment(long accountId, String accountNumber, String pin, String handoutId) {

    @Override
    public String toString() {
        return "Enrolment[account=" + accountId + "]";
    }
}
