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
        try (Connection c = emptyPostgresql()) {
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
    void auditIdsAfterTheUpgradeToBlocksOf500ReuseNoIdOnH2(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:migrate4;DB_CLOSE_DELAY=-1", "sa", "")) {
            assertNextBlockAboveEveryIdSoFar(dir, c, 3);
        }
    }

    /** A new installation: V001 and V007 in one go, the sequence never used (its next value was its start, 20). */
    @Test
    void aNewInstallationsFirstAuditBlockIsAWholeBlockOfPositiveIdsOnH2(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:migrate5;DB_CLOSE_DELAY=-1", "sa", "")) {
            assertNextBlockAboveEveryIdSoFar(dir, c, 0);
        }
    }

    /**
     * The same on PostgreSQL, where a never-used sequence hands out its start value after ALTER … INCREMENT: the
     * first block would be -479 … 20, which EclipseLink refuses ("sequence setup incorrectly") and the
     * application did not deploy on a new PostgreSQL database (found by the CI run of session 4).
     */
    @Test
    void aNewInstallationsFirstAuditBlockIsAWholeBlockOfPositiveIdsOnPostgresql(@TempDir Path dir) throws Exception {
        try (Connection c = emptyPostgresql()) {
            assertNextBlockAboveEveryIdSoFar(dir, c, 0);
        }
    }

    @Test
    void auditIdsAfterTheUpgradeToBlocksOf500ReuseNoIdOnPostgresql(@TempDir Path dir) throws Exception {
        try (Connection c = emptyPostgresql()) {
            assertNextBlockAboveEveryIdSoFar(dir, c, 3);
        }
    }

    /**
     * audit_record_seq as V001 made it (blocks of 20) and used for {@code blocksUsed} blocks (ids up to 20 each),
     * then the real V007: the block EclipseLink takes next (fetched value - 499 … fetched value) lies above every
     * id handed out so far, and above 0.
     */
    private static void assertNextBlockAboveEveryIdSoFar(Path dir, Connection c, int blocksUsed) throws Exception {
        Path scripts = dir.resolve("db/migration");
        Files.createDirectories(scripts.resolve("h2"));
        Files.createDirectories(scripts.resolve("postgresql"));
        Files.writeString(scripts.resolve("index.txt"), "V001__seq.sql\n");
        Files.writeString(scripts.resolve("V001__seq.sql"), "CREATE SEQUENCE audit_record_seq START WITH 20 INCREMENT BY 20;");
        long used = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            new SchemaMigrator(loader).migrate(c);
            for (int block = 0; block < blocksUsed; block++) {
                used = next(c);
            }
            assertThat(used).isEqualTo(20L * blocksUsed);
            String v007 = "V007__audit_ids_in_blocks_of_500.sql";
            Files.writeString(scripts.resolve("index.txt"), "V001__seq.sql\n" + v007 + "\n");
            for (String dialect : List.of("", "h2/", "postgresql/")) {
                try (var in = SchemaMigrator.class.getClassLoader().getResourceAsStream("db/migration/" + dialect + v007)) {
                    if (in != null) {
                        Files.write(scripts.resolve(dialect + v007), in.readAllBytes());
                    }
                }
            }
            assertThat(new SchemaMigrator(loader).migrate(c)).containsExactly(7);
        }
        long fetched = next(c);
        assertThat(fetched - org.imageshare.audit.entity.AuditRecord.ID_ALLOCATION + 1).as("first id of the next block")
                .isGreaterThan(used);
        assertThat(next(c)).as("blocks of 500").isEqualTo(fetched + 500);
    }

    private static long next(Connection c) throws SQLException {
        String sql = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2")
                ? "SELECT NEXT VALUE FOR audit_record_seq" : "SELECT nextval('audit_record_seq')";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
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

    /** The unit-test PostgreSQL database ({@code imageshare.test.pg.unit.url}), emptied. */
    private static Connection emptyPostgresql() throws SQLException {
        String url = System.getProperty("imageshare.test.pg.unit.url",
                "jdbc:postgresql://127.0.0.1:5432/imageshare_unit");
        Connection c = DriverManager.getConnection(url, "imageshare", "imageshare");
        reset(c);
        return c;
    }

    private static void reset(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
    }
}
