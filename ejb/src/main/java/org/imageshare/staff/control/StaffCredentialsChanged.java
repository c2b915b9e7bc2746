// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.control;

/** A staff user's password changed: anything that remembers a verified credential of theirs must forget it. */
public record StaffCredentialsChanged(String username) {
}
