// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imageshare.audit.entity.AuditRecord;

/**
 * One line of the patient's access log ({@code GET /api/v1/patient/access-log}): an audit record of their
 * account. {@code shareId} is set for lines about a share link (their detail starts with {@code share <id>}).
 */
public record AccessLogEntry(Instant time, String action, Long shareId, String address, String detail) {

    private static final Pattern SHARE = Pattern.compile("^share (\\d{1,18})\\b");

    public static AccessLogEntry of(AuditRecord r) {
        return new AccessLogEntry(r.getOccurredAt(), r.getAction().name(), shareIdIn(r.getDetail()), r.getAddress(),
                r.getDetail());
    }

    static Long shareIdIn(String detail) {
        if (detail == null) {
            return null;
        }
        Matcher m = SHARE.matcher(detail);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }
}
