// SPDX-License-Identifier: Apache-2.0
/**
 * Consent: patients agree (in the portal, or on paper attested by staff) to share their images by link,
 * under a versioned consent text. Guarantees: consent counts only for the current text; history is never
 * overwritten; every change is audited; withdrawal fires {@link org.imageshare.consent.control.ConsentRevoked}.
 */
package org.imageshare.consent.control;
