// SPDX-License-Identifier: Apache-2.0
package org.imageshare.staff.entity;

/** Roles of hospital staff; the names are the Jakarta Security group and role names. */
public enum StaffRole {
    /** Runs the installation: staff users, audit, outbox, settings. */
    admin,
    /** Registration desk: enrols patients, re-issues PINs, unlocks accounts. */
    registrar;

    public static final String ADMIN = "admin";
    public static final String REGISTRAR = "registrar";
    /** Not a staff role: the role of a signed-in patient. */
    public static final String PATIENT = "patient";
}
