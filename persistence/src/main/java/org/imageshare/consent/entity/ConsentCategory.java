// SPDX-License-Identifier: Apache-2.0
package org.imageshare.consent.entity;

/** FHIR Consent.category: how the consent was given. Stored by name. */
public enum ConsentCategory {
    /** Given by the patient in the portal or over the API. */
    E_CONSENT,
    /** Signed on paper at the hospital; the performer is the staff member who attests it. */
    PAPER
}
