// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How pages print times: server-local, to the minute (Faces 4.0 has no converter for {@link Instant}). */
@Named("fmt")
@ApplicationScoped
public class Formats {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH);

    public String instant(Instant time) {
        return time == null ? "—" : MINUTE.format(time.atZone(ZoneId.systemDefault()));
    }

    /** A list as text: {@code CT, MR}; a dash when empty. */
    public String joined(List<String> values) {
        return values == null || values.isEmpty() ? "—" : String.join(", ", values);
    }

    public String precise(Instant time) {
        return time == null ? "—" : SECOND.format(time.atZone(ZoneId.systemDefault()));
    }
}
