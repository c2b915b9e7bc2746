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
    MAIL_RESENT,
    MAIL_CANCELLED,
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
    SHARE_CREATED,
    SHARE_REVOKED,
    LINK_OPENED,
    ACCESS_CODE_FAILED,
    SHARE_LOCKED,
    STUDY_DOWNLOADED,
    DICOMWEB_STORED,
    MEDIA_IMPORTED,
    PACS_CONFIGURED,
    PACS_QUERIED,
    RETRIEVE_REQUESTED,
    RETRIEVE_CANCELLED,
    STUDY_RETRIEVED,
    CALLING_AE_ALLOWED,
    CALLING_AE_REMOVED,
    /** A viewing session opened a study (once per opening, not per image). */
    STUDY_VIEWED,
    /**
     * A share link's DICOMweb read a shared study (QIDO below study level, metadata, WADO-RS, rendered): at most
     * one line per link and study per hour, not one per request.
     */
    STUDY_RETRIEVED_DICOMWEB
}
