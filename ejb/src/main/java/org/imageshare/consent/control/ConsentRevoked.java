// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.control;

/** Fired in the transaction that withdraws a patient's consent; sharing ends the account's links on it. */
public record ConsentRevoked(long accountId) {
}
