// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import java.util.function.Supplier;
import org.imageshare.staff.entity.StaffRole;

/** Test-only: runs a call with the registrar role, as the registration desk would. */
@Stateless
@PermitAll
@RunAs(StaffRole.REGISTRAR)
public class AsRegistrar {

    public <T> T call(Supplier<T> action) {
        return action.get();
    }

    public void run(Runnable action) {
        action.run();
    }
}
