// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.control;

import java.time.Instant;
import java.util.Set;
import org.imageshare.staff.entity.StaffRole;
import org.imageshare.staff.entity.StaffUser;

/** A staff user as pages and the security layer see them (no password hash). */
public record StaffView(long id, String username, String displayName, Set<StaffRole> roles, boolean enabled,
        Instant createdAt) {

    public static StaffView of(StaffUser user) {
        return new StaffView(user.getId(), user.getUsername(), user.getDisplayName(), user.getRoles(),
                user.isEnabled(), user.getCreatedAt());
    }

    public Set<String> roleNames() {
        return roles.stream().map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
