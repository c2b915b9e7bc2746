// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Settings that follow from other settings, so that hospital IT sets only what CONTRACT.md names.
 *
 * <ul>
 * <li>{@code imageshare.data.dir.absolute}: the data directory made absolute (H2 and the broker need it);</li>
 * <li>{@code imageshare.db.url}: the embedded H2 file under the data directory unless one is set;</li>
 * <li>{@code imageshare.db.datasource-class}: the JDBC data source class that fits the URL;</li>
 * <li>{@code imageshare.smtp.effective-host}: the SMTP host for the mail session (localhost when unset —
 * then mail stays in the dev outbox and the session is never used).</li>
 * </ul>
 * It reads the raw values from system properties and environment variables with the MicroProfile
 * mapping ({@code imageshare.db.url} ← {@code IMAGESHARE_DB_URL}); its ordinal sits below both, so an
 * explicit value always wins.
 */
public class DerivedConfigSource implements ConfigSource {

    static final String DATA_DIR = "imageshare.data.dir";
    static final String DB_URL = "imageshare.db.url";

    @Override
    public String getName() {
        return "imageshare-derived";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }

    @Override
    public Set<String> getPropertyNames() {
        return derived().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return derived().get(propertyName);
    }

    private static Map<String, String> derived() {
        Map<String, String> values = new HashMap<>();
        Path dataDir = Path.of(raw(DATA_DIR, "./data")).toAbsolutePath().normalize();
        values.put("imageshare.data.dir.absolute", dataDir.toString());
        String url = raw(DB_URL, null);
        if (url == null) {
            // WRITE_DELAY=100: H2 writes committed changes to its file in batches, at most 100 ms after the
            // commit (its default is 500 ms; 0 writes the file on every commit, which cost about half the
            // receive path's CPU per image). A killed process loses at most the last ~0.1 s of commits —
            // except received images: their journal markers stay until a CHECKPOINT has written their rows,
            // and recovery indexes them again (DicomIngest, DurableMarkers; KillDuringTransferIT).
            // LOCK_TIMEOUT=10000: a transaction waits up to 10 s for a row another one holds (H2's default, 1 s,
            // failed concurrent opens of one share link with 500s under 50 clients; PostgreSQL waits too).
            url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("imageshare") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=100;LOCK_TIMEOUT=10000";
            values.put(DB_URL, url);
        }
        values.put("imageshare.db.datasource-class", dataSourceClassFor(url));
        values.put("imageshare.broker.url", "vm://imageshare?broker.persistent=true&broker.useJmx=false"
                + "&broker.useShutdownHook=false&broker.dataDirectory=" + dataDir.resolve("broker"));
        values.put("imageshare.smtp.effective-host", raw("imageshare.smtp.host", "localhost"));
        return values;
    }

    static String dataSourceClassFor(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.ds.PGSimpleDataSource";
        }
        if (lower.startsWith("jdbc:h2:")) {
            return "org.h2.jdbcx.JdbcDataSource";
        }
        throw new IllegalArgumentException("IMAGESHARE_DB_URL must be a jdbc:postgresql: or jdbc:h2: URL");
    }

    /** The value as a system property or environment variable, by the MicroProfile Config rules. */
    static String raw(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        if (value == null) {
            value = System.getenv(name.replaceAll("[^A-Za-z0-9]", "_"));
        }
        if (value == null) {
            value = System.getenv(name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
