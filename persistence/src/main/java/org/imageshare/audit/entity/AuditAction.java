// SPDX-License-Identifier: Apache-2.0
package org.imageshare.audit.entity;

/** What happened. Stored by name: add values freely, never rename one. */
public enum AuditAction {
    PATIENT_ENROLLED,
    PIN_REISSUED,
    HANDOUT_PRINTED,
    PIN_CHANGED,
    SIGN_IN_SUCCEEDED,
    SIGN_IN_FAILED,
    SIGN_IN_THROTTLED,
    ACCOUNT_LOCKED,
    ACCOUNT_UNLOCKED,
    SIGNED_OUT,
    STAFF_SIGN_IN_SUCCEEDED,
    STAFF_SIGN_IN_FAILED,
    STAFF_CREATED,
    STAFF_ENABLED,
    STAFF_DISABLED,
    STAFF_ROLES_CHANGED,
    STAFF_PASSWORD_RESET,
    MAIL_QUEUED,
    MAIL_SENT,
    MAIL_FAILED,
    DICOM_RECEIVED,
    STUDY_MATCHED,
    STUDY_UNMATCHED,
    STUDY_LINKED,
    STUDY_DISCARDED,
    STUDY_HELD,
    STUDY_RELEASED,
    CONSENT_GIVEN,
    CONSENT_REVOKED,
    CONSENT_TEXT_PUBLISHED,
    /** A viewing session opened a study (once per opening, not per image). */
    STUDY_VIEWED
}
