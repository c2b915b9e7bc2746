// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import java.util.function.Supplier;
import org.imageshare.staff.entity.StaffRole;

/** Test-only: runs a call with the admin role. */
@Stateless
@PermitAll
@RunAs(StaffRole.ADMIN)
public class AsAdmin {

    public <T> T call(Supplier<T> action) {
        return action.get();
    }

    public void run(Runnable action) {
        action.run();
    }
}
