// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imageshare.platform.web.Messages;
import org.imageshare.staff.boundary.StaffService;
import org.imageshare.staff.control.NewPassword;
import org.imageshare.staff.control.StaffView;
import org.imageshare.staff.entity.StaffRole;

/** Admins manage staff users: create, roles, enable/disable, reset password. */
@Named
@ViewScoped
public class UsersBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    StaffService staff;

    @Inject
    IssuedPassword issued;

    private String username;
    private String displayName;
    private List<String> roles = new ArrayList<>(List.of(StaffRole.REGISTRAR));
    private final HashMap<String, List<String>> roleEdits = new HashMap<>();
    private transient List<StaffView> users;

    @PostConstruct
    void init() {
        reload();
    }

    public void create() {
        NewPassword created = staff.create(username, displayName, roleSet(roles));
        issued.show(created);
        username = null;
        displayName = null;
        roles = new ArrayList<>(List.of(StaffRole.REGISTRAR));
        reload();
    }

    public void enable(StaffView user) {
        staff.setEnabled(user.username(), true);
        Messages.info("Enabled", user.username() + " can sign in again.");
        reload();
    }

    public void disable(StaffView user) {
        staff.setEnabled(user.username(), false);
        Messages.info("Disabled", user.username() + " is signed out and cannot sign in.");
        reload();
    }

    public void resetPassword(StaffView user) {
        issued.show(staff.resetPassword(user.username()));
        reload();
    }

    public void saveRoles(StaffView user) {
        Set<StaffRole> chosen = roleSet(roleEdits.get(user.username()));
        staff.setRoles(user.username(), chosen);
        Messages.info("Roles saved", user.username() + ": " + String.join(", ", chosen.stream().map(Enum::name).toList()));
        reload();
    }

    private void reload() {
        users = staff.list();
        roleEdits.clear();
        for (StaffView user : users) {
            roleEdits.put(user.username(), new ArrayList<>(user.roleNames()));
        }
    }

    private static Set<StaffRole> roleSet(List<String> names) {
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        EnumSet<StaffRole> set = EnumSet.noneOf(StaffRole.class);
        for (String name : names) {
            set.add(StaffRole.valueOf(name));
        }
        return set;
    }

    public List<StaffView> getUsers() {
        if (users == null) {
            reload();
        }
        return users;
    }

    public List<String> getAllRoles() {
        return java.util.Arrays.stream(StaffRole.values()).map(Enum::name).toList();
    }

    public Map<String, List<String>> getRoleEdits() {
        return roleEdits;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }
}
