// SPDX-License-Identifier: Apache-2.0
package org.imageshare.audit.control;

import org.imageshare.audit.entity.AuditAction;

/**
 * Something worth an audit line, fired as a CDI event by the boundary that did it; {@link AuditRecorder}
 * writes it in the same transaction. {@code detail} must hold no PHI and no secret.
 *
 * @param actor who acted: a staff user name, {@code patient:<account id>} or {@code system}; null = the caller
 * @param accountId the patient account the action concerns, if any (drives the patient's access log)
 */
public record AuditEvent(AuditAction action, String actor, Long accountId, String detail) {

    public static AuditEvent byCaller(AuditAction action, Long accountId, String detail) {
        return new AuditEvent(action, null, accountId, detail);
    }
}
