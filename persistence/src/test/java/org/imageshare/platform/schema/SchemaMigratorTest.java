// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real scripts against H2 and PostgreSQL (the database ./imageshare test prepares). */
class SchemaMigratorTest {

    private final SchemaMigrator migrator = new SchemaMigrator(SchemaMigrator.class.getClassLoader());

    @Test
    void appliesTheScriptsOnceOnH2() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:migrate1;DB_CLOSE_DELAY=-1", "sa", "")) {
            assertThat(migrator.migrate(c)).contains(1);
            assertThat(migrator.migrate(c)).isEmpty();
            assertThat(tables(c)).contains("STAFF_USER", "PATIENT", "PATIENT_ACCOUNT", "AUDIT_RECORD", "MAIL_MESSAGE");
        }
    }

    @Test
    void appliesTheScriptsOnceOnPostgresqlAndAuditIsAppendOnly() throws SQLException {
        String url = System.getProperty("imageshare.test.pg.unit.url",
                "jdbc:postgresql://127.0.0.1:5432/imageshare_unit");
        try (Connection c = DriverManager.getConnection(url, "imageshare", "imageshare")) {
            reset(c);
            assertThat(migrator.migrate(c)).contains(1);
            assertThat(migrator.migrate(c)).isEmpty();
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO audit_record (id, occurred_at, action, actor) VALUES (1, now(), 'X', 'test')");
                assertThatThrownBy(() -> st.execute("UPDATE audit_record SET actor = 'mallory' WHERE id = 1"))
                        .hasMessageContaining("append-only");
                assertThatThrownBy(() -> st.execute("DELETE FROM audit_record WHERE id = 1"))
                        .hasMessageContaining("append-only");
            }
        }
    }

    @Test
    void anEditedAppliedScriptStopsTheStart(@TempDir Path dir) throws Exception {
        Path scripts = dir.resolve("db/migration");
        Files.createDirectories(scripts);
        Files.writeString(scripts.resolve("index.txt"), "V001__one.sql\n");
        Files.writeString(scripts.resolve("V001__one.sql"), "CREATE TABLE one (id INT);");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:migrate2;DB_CLOSE_DELAY=-1", "sa", "");
                URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(new SchemaMigrator(loader).migrate(c)).containsExactly(1);
            Files.writeString(scripts.resolve("V001__one.sql"), "CREATE TABLE one (id BIGINT);");
            assertThatThrownBy(() -> new SchemaMigrator(loader).migrate(c))
                    .isInstanceOf(SchemaMigrationException.class).hasMessageContaining("V001__one.sql");
        }
    }

    @Test
    void aFailingScriptLeavesNoVersionBehind(@TempDir Path dir) throws Exception {
        Path scripts = dir.resolve("db/migration");
        Files.createDirectories(scripts);
        Files.writeString(scripts.resolve("index.txt"), "V001__bad.sql\n");
        Files.writeString(scripts.resolve("V001__bad.sql"), "CREATE TABLE two (id INT); THIS IS NOT SQL;");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:migrate3;DB_CLOSE_DELAY=-1", "sa", "");
                URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> new SchemaMigrator(loader).migrate(c)).isInstanceOf(SQLException.class);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void splitterKeepsDollarQuotedBodiesAndQuotedSemicolonsTogether() {
        List<String> statements = SqlScript.split("""
                -- a comment; with a semicolon
                CREATE TABLE a (v VARCHAR(10) DEFAULT 'x;y');
                CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no'; END; $$ LANGUAGE plpgsql;
                """);
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).contains("'x;y'");
        assertThat(statements.get(1)).contains("RAISE EXCEPTION 'no'; END;");
    }

    private static List<String> tables(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toUpperCase(java.util.Locale.ROOT));
            }
            return names;
        }
    }

    private static void reset(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
    }
}
