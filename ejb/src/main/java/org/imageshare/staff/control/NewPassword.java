// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.control;

/** A generated staff password, shown once to the admin who created or reset the account. */
public record NewPassword(String username, String password) {

    @Override
    public String toString() {
        return "NewPassword[" + username + "]";
    }
}
