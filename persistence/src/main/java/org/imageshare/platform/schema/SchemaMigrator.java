// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Brings the database schema up to date from the versioned SQL scripts under {@code db/migration}.
 *
 * <p>{@code db/migration/index.txt} lists the scripts in order ({@code V001__foundation.sql}, …). A script
 * runs once; its SHA-256 is recorded in {@code schema_version} and checked at every start, so an edited,
 * already-applied script stops the start instead of silently diverging. A file of the same name under
 * {@code db/migration/<dialect>/} ({@code h2}, {@code postgresql}) runs right after the common one.
 */
public final class SchemaMigrator {

    private static final System.Logger LOG = System.getLogger(SchemaMigrator.class.getName());
    private static final String ROOT = "db/migration/";

    private final ClassLoader loader;

    public SchemaMigrator(ClassLoader loader) {
        this.loader = loader;
    }

    /** Applies every pending script; returns the versions applied now. */
    public List<Integer> migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return migrate(connection);
        } catch (SQLException e) {
            throw new SchemaMigrationException("cannot migrate the database schema: " + e.getMessage(), e);
        }
    }

    List<Integer> migrate(Connection connection) throws SQLException {
        String dialect = dialectOf(connection);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            ensureVersionTable(connection);
            lock(connection, dialect);
            Map<Integer, String> applied = appliedChecksums(connection);
            List<Integer> done = new ArrayList<>();
            for (String script : index()) {
                int version = versionOf(script);
                String common = read(ROOT + script);
                String specific = readOptional(ROOT + dialect + "/" + script);
                String checksum = sha256(common + "\n--dialect--\n" + (specific == null ? "" : specific));
                String known = applied.get(version);
                if (known != null) {
                    if (!known.equals(checksum)) {
                        throw new SchemaMigrationException("schema script " + script
                                + " was changed after it was applied; add a new script instead");
                    }
                    continue;
                }
                LOG.log(Level.INFO, "Applying schema script {0} ({1})", script, dialect);
                execute(connection, common);
                if (specific != null) {
                    execute(connection, specific);
                }
                record(connection, version, script, checksum);
                connection.commit();
                done.add(version);
            }
            connection.commit();
            return done;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static String dialectOf(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return "postgresql";
        }
        if (product.contains("h2")) {
            return "h2";
        }
        throw new SchemaMigrationException("unsupported database: " + product);
    }

    private static void ensureVersionTable(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        }
        connection.commit();
    }

    /**
     * Two nodes starting at once on PostgreSQL must not both apply a script. The embedded H2 database is
     * opened by one process only, so it needs no lock.
     */
    private static void lock(Connection connection, String dialect) throws SQLException {
        if ("postgresql".equals(dialect)) {
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(4242)");
            }
        }
    }

    private static Map<Integer, String> appliedChecksums(Connection connection) throws SQLException {
        Map<Integer, String> applied = new TreeMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    private static void record(Connection connection, int version, String script, String checksum)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO schema_version (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, version);
            ps.setString(2, script);
            ps.setString(3, checksum);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String statement : SqlScript.split(sql)) {
                st.execute(statement);
            }
        }
    }

    private List<String> index() {
        List<String> scripts = new ArrayList<>();
        for (String line : read(ROOT + "index.txt").split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                scripts.add(name);
            }
        }
        return scripts;
    }

    static int versionOf(String script) {
        if (!script.matches("V\\d+__[A-Za-z0-9_]+\\.sql")) {
            throw new SchemaMigrationException("bad schema script name: " + script);
        }
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    private String read(String resource) {
        String text = readOptional(resource);
        if (text == null) {
            throw new SchemaMigrationException("missing schema resource " + resource);
        }
        return text;
    }

    private String readOptional(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
