// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.control;

/** A signed-in patient as the security layer knows them: the account and the caller name used for audit. */
public record PatientIdentity(long accountId) {

    public static final String PREFIX = "patient:";

    public String callerName() {
        return PREFIX + accountId;
    }

    public static java.util.Optional<PatientIdentity> fromCallerName(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new PatientIdentity(Long.parseLong(name.substring(PREFIX.length()))));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
