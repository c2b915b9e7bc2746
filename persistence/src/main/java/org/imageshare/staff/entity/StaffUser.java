// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A member of hospital staff who signs in with a user name and password (stored as an Argon2id hash). */
@Entity
@Table(name = "staff_user")
@NamedQuery(name = StaffUser.FIND_BY_USERNAME, query = "SELECT u FROM StaffUser u WHERE u.username = :username")
@NamedQuery(name = StaffUser.FIND_ALL, query = "SELECT u FROM StaffUser u ORDER BY u.username")
@NamedQuery(name = StaffUser.COUNT_ALL, query = "SELECT COUNT(u) FROM StaffUser u")
public class StaffUser {

    public static final String FIND_BY_USERNAME = "StaffUser.findByUsername";
    public static final String FIND_ALL = "StaffUser.findAll";
    public static final String COUNT_ALL = "StaffUser.countAll";
    public static final int USERNAME_LENGTH = 64;
    public static final int DISPLAY_NAME_LENGTH = 128;
    public static final int PASSWORD_HASH_LENGTH = 200;

    @Id
    @SequenceGenerator(name = "staff_user_seq", sequenceName = "staff_user_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "staff_user_seq")
    private long id;

    @Version
    private long version;

    @Column(name = "username", nullable = false, unique = true, length = USERNAME_LENGTH)
    private String username;

    @Column(name = "display_name", nullable = false, length = DISPLAY_NAME_LENGTH)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = PASSWORD_HASH_LENGTH)
    private String passwordHash;

    /** Comma-separated {@link StaffRole} names. */
    @Column(name = "roles", nullable = false, length = 64)
    private String roles;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "last_failure_at")
    private Instant lastFailureAt;

    protected StaffUser() {
    }

    public StaffUser(String username, String displayName, String passwordHash, Set<StaffRole> roles, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.enabled = true;
        this.createdAt = now;
        setRoles(roles);
    }

    public long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Set<StaffRole> getRoles() {
        if (roles == null || roles.isBlank()) {
            return Collections.emptySet();
        }
        return Arrays.stream(roles.split(",")).map(StaffRole::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(StaffRole.class)));
    }

    public final void setRoles(Set<StaffRole> newRoles) {
        this.roles = newRoles.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public int getFailedAttempts() {
        return failedAttempts;
    }

    public Instant getLastFailureAt() {
        return lastFailureAt;
    }

    public void changePassword(String newHash) {
        this.passwordHash = newHash;
    }

    public void recordFailure(Instant now) {
        failedAttempts++;
        lastFailureAt = now;
    }

    public void recordSuccess() {
        failedAttempts = 0;
        lastFailureAt = null;
    }

    @Override
    public String toString() {
        return "StaffUser[" + username + "]";
    }
}
