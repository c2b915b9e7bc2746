// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.imageshare.dicom.DicomHeader;
import org.imageshare.dicom.ReceivedObject;
import org.h2.jdbcx.JdbcDataSource;
import org.imageshare.platform.schema.SchemaMigrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain-JDBC common case of ingest against the real schema on H2. */
class InstanceAppenderTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String STUDY = "1.2.826.0.1.3680043.2.1125.10";
    private static final String SERIES = "1.2.826.0.1.3680043.2.1125.11";

    private final String url = "jdbc:h2:mem:appender" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    private final CountingDataSource dataSource = new CountingDataSource(url);
    private final InstanceAppender appender = new InstanceAppender(dataSource,
            Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
    private Connection check;

    @BeforeEach
    void schemaWithOneIndexedSeries() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        new SchemaMigrator(SchemaMigrator.class.getClassLoader()).migrate(h2);
        check = DriverManager.getConnection(url, "sa", "");
        try (Statement st = check.createStatement()) {
            st.execute("INSERT INTO study (id, version, study_iuid, dicom_patient_id, dicom_issuer, dicom_patient_name,"
                    + " dicom_birth_date, modalities, number_of_series, number_of_instances, received_at, updated_at,"
                    + " release_at) VALUES (1, 1, '" + STUDY + "', 'P1', 'HOSP', 'Doe^Jane', '19700101', 'CT', 1, 1,"
                    + " now(), now(), now())");
            st.execute("INSERT INTO series (id, version, study_fk, series_iuid, modality, number_of_instances,"
                    + " received_at) VALUES (1, 1, 1, '" + SERIES + "', 'CT', 1, now())");
        }
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement st = check.createStatement()) {
            st.execute("SHUTDOWN");
        }
        check.close();
    }

    @Test
    void aSessionAppendsEachObjectOnOneConnectionAndGivesItBackInAutoCommitMode() throws SQLException {
        try (InstanceAppender.Session session = appender.session()) {
            for (int i = 1; i <= 3; i++) {
                assertThat(session.append(instance("1.2.3." + i, SERIES, "P1"))).contains(IndexResult.created());
                assertThat(count("SELECT COUNT(*) FROM instance")).as("committed when it returns").isEqualTo(i);
            }
        }
        assertThat(dataSource.taken).hasSize(1);
        Connection given = dataSource.taken.get(0);
        assertThat(given.isClosed()).isTrue();
        assertThat(dataSource.autoCommitWhenClosed).containsExactly(true);
        assertThat(count("SELECT number_of_instances FROM series WHERE id = 1")).isEqualTo(4);
        assertThat(count("SELECT number_of_instances FROM study WHERE id = 1")).isEqualTo(4);
        assertThat(count("SELECT COUNT(DISTINCT id) FROM instance")).isEqualTo(3);
    }

    @Test
    void whatIsNotTheCommonCaseIsLeftAndWritesNothing() throws SQLException {
        try (InstanceAppender.Session session = appender.session()) {
            assertThat(session.append(instance("1.2.3.1", "1.2.3.999", "P1"))).as("a new series").isEmpty();
            assertThat(session.append(instance("1.2.3.2", SERIES, "P2"))).as("another patient").isEmpty();
            assertThat(session.append(instance("1.2.3.3", SERIES, "P1"))).isPresent();
            assertThat(session.append(instance("1.2.3.3", SERIES, "P1"))).as("a resend").isEmpty();
        }
        assertThat(count("SELECT COUNT(*) FROM instance")).isEqualTo(1);
        assertThat(count("SELECT number_of_instances FROM series WHERE id = 1")).isEqualTo(2);
    }

    @Test
    void afterTheDatabaseFailedTheNextAppendTakesAFreshConnection() throws SQLException {
        try (InstanceAppender.Session session = appender.session()) {
            session.append(instance("1.2.3.1", SERIES, "P1"));
            dataSource.taken.get(0).unwrap(Connection.class).close(); // the connection breaks under the session

            assertThatThrownBy(() -> session.append(instance("1.2.3.2", SERIES, "P1")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("1.2.3.2");
            assertThat(session.append(instance("1.2.3.2", SERIES, "P1"))).isPresent();
        }
        assertThat(dataSource.taken).hasSize(2);
        assertThat(count("SELECT COUNT(*) FROM instance")).isEqualTo(2);
    }

    @Test
    void aSeriesDeletedAndIndexedAgainUnderTheSessionIsFoundAgain() throws SQLException {
        try (InstanceAppender.Session session = appender.session()) {
            assertThat(session.append(instance("1.2.3.1", SERIES, "P1"))).isPresent();
            try (Statement st = check.createStatement()) { // staff discard the study; the PACS sends it again
                st.execute("DELETE FROM instance");
                st.execute("DELETE FROM series");
                st.execute("DELETE FROM study");
            }
            assertThat(session.append(instance("1.2.3.2", SERIES, "P1"))).as("the series it knew is gone").isEmpty();
            assertThat(count("SELECT COUNT(*) FROM instance")).isZero();
            try (Statement st = check.createStatement()) {
                st.execute("INSERT INTO study (id, version, study_iuid, dicom_patient_id, dicom_issuer, dicom_patient_name,"
                        + " dicom_birth_date, modalities, number_of_series, number_of_instances, received_at, updated_at,"
                        + " release_at) VALUES (2, 1, '" + STUDY + "', 'P1', 'HOSP', 'Doe^Jane', '19700101', 'CT', 1, 1,"
                        + " now(), now(), now())");
                st.execute("INSERT INTO series (id, version, study_fk, series_iuid, modality, number_of_instances,"
                        + " received_at) VALUES (2, 1, 2, '" + SERIES + "', 'CT', 1, now())");
            }
            assertThat(session.append(instance("1.2.3.3", SERIES, "P1"))).isPresent();
        }
        assertThat(count("SELECT series_fk FROM instance")).isEqualTo(2);
        assertThat(count("SELECT number_of_instances FROM study WHERE id = 2")).isEqualTo(2);
    }

    @Test
    void withoutASessionEachAppendTakesAndGivesBackItsOwnConnection() throws SQLException {
        appender.append(instance("1.2.3.1", SERIES, "P1"));
        appender.append(instance("1.2.3.2", SERIES, "P1"));
        assertThat(dataSource.taken).hasSize(2).allSatisfy(c -> assertThat(c.isClosed()).isTrue());
    }

    private long count(String sql) throws SQLException {
        try (Statement st = check.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static IncomingInstance instance(String sop, String series, String patientId) {
        DicomHeader header = new DicomHeader(patientId, "", "Doe^Jane", "19700101", STUDY, "20040119", "101500",
                "CT chest", "ACC", "CT", series, OptionalInt.of(1), "axial", OptionalInt.of(7), OptionalInt.empty(),
                OptionalInt.of(128), OptionalInt.of(128), "");
        ReceivedObject object = new ReceivedObject(1, "SCU", new InetSocketAddress("127.0.0.1", 4000),
                "1.2.840.10008.5.1.4.1.1.2", sop, "1.2.840.10008.1.2.1", Path.of("unused"), 1234, header);
        return IncomingInstance.of(object, StorePaths.relative(STUDY, series, sop), "HOSP");
    }

    /**
     * Hands out H2 connections whose {@code close} records the auto-commit mode they are given back in
     * (a pool would hand that mode to the next user); {@code unwrap} reaches the physical connection.
     */
    private static final class CountingDataSource implements DataSource {
        final List<Connection> taken = new ArrayList<>();
        final List<Boolean> autoCommitWhenClosed = new ArrayList<>();
        private final String url;

        CountingDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection physical = DriverManager.getConnection(url, "sa", "");
            Connection handle = (Connection) java.lang.reflect.Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("unwrap")) {
                            return physical;
                        }
                        if (method.getName().equals("close") && !physical.isClosed()) {
                            autoCommitWhenClosed.add(physical.getAutoCommit());
                        }
                        try {
                            return method.invoke(physical, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            taken.add(handle);
            return handle;
        }

        @Override
        public Connection getConnection(String user, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
