// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import java.lang.System.Logger.Level;
import java.util.UUID;

/**
 * Unexpected failures: logged for IT with an incident id, the user sees only the id. Exception messages
 * are left out of the log on purpose — database and mail errors can quote the data they failed on (PHI);
 * the exception classes and stack frames say where it broke.
 */
public final class Incidents {

    private static final System.Logger LOG = System.getLogger(Incidents.class.getName());

    private Incidents() {
    }

    public static String log(Throwable failure) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder trace = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            trace.append(t == failure ? "" : "\ncaused by: ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                trace.append("\n\tat ").append(frames[i]);
            }
        }
        LOG.log(Level.ERROR, "Incident {0}: {1}", id, trace);
        return id;
    }
}
