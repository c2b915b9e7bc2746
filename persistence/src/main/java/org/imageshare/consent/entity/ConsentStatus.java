// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.entity;

/** FHIR Consent.status, the subset we use. Stored by name. */
public enum ConsentStatus {
    /** In force (unless its policy version is no longer the current text). */
    ACTIVE,
    /** The patient withdrew consent: a record of the refusal, never in force. */
    REJECTED,
    /** Was active; ended by withdrawal or by a newer consent. */
    INACTIVE
}
