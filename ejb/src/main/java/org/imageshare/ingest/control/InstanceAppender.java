// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.imageshare.study.entity.Instance;

/**
 * The common case of ingest, without JPA and the EJB container: a new SOP instance of a series that is
 * already indexed (every object of a study after its first, or of a series after its first). One local
 * JDBC transaction, committed when {@link #append} returns:
 *
 * <ol>
 * <li>the series, its study and the study's patient identifier: one SELECT at a session's first object of a
 * series, then remembered (a study's UID and patient identifier never change; a deleted study or series shows
 * in the next step);</li>
 * <li>{@code UPDATE study} (number of instances + 1): takes the study's row lock first, the same order as
 * {@code StudyIndexer}'s {@code SELECT … FOR UPDATE}, so concurrent associations keep the counts exact and
 * cannot deadlock with it;</li>
 * <li>{@code UPDATE series} (number of instances + 1) and the {@code INSERT} of the instance, whose unique SOP
 * Instance UID tells a resend (SQL state 23505: the transaction is rolled back).</li>
 * </ol>
 *
 * <p>Everything else — a new study or series (matching, audit, release hold), a resend of a stored SOP
 * instance, an object naming another patient than its study or a series of another study (refused) —
 * answers empty and is left to the full path ({@code StudyIndexer}). Row versions are incremented as JPA
 * would, so a concurrent JPA update of the same study fails its optimistic check rather than losing a count.
 *
 * <p>Instance ids come from {@code instance_seq} in blocks of {@link Instance#ID_ALLOCATION}, as EclipseLink
 * takes them (the value {@code N} it returns reserves {@code N - size + 1 … N}), so both can share it.
 */
public final class InstanceAppender {

    private static final String FIND = "SELECT se.id, st.id, st.study_iuid, st.dicom_patient_id, st.dicom_issuer"
            + " FROM series se JOIN study st ON st.id = se.study_fk WHERE se.series_iuid = ?";
    /** SQL state of a unique constraint violation (H2 and PostgreSQL). */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COUNT_STUDY = "UPDATE study SET number_of_instances = number_of_instances + 1,"
            + " updated_at = ?, version = version + 1 WHERE id = ?";
    private static final String COUNT_SERIES = "UPDATE series SET number_of_instances = number_of_instances + 1,"
            + " version = version + 1 WHERE id = ?";
    private static final String INSERT = "INSERT INTO instance (id, version, series_fk, sop_iuid, sop_class_uid,"
            + " transfer_syntax_uid, instance_number, number_of_frames, file_path, file_size, received_at)"
            + " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;
    private final Object ids = new Object();
    private long nextId = 1;
    private long lastId = 0;
    private volatile String nextValueSql;

    public InstanceAppender(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Indexes a new instance of an indexed series in one committed transaction, on a connection taken from
     * the pool for this call.
     *
     * @return the result, or empty when this is not the common case (nothing was written)
     * @throws IllegalStateException when the database failed (nothing was written; the caller may retry)
     */
    public Optional<IndexResult> append(IncomingInstance in) {
        try (Session session = session()) {
            return session.append(in);
        }
    }

    /**
     * A session for a sequence of appends on one thread (the objects of one association): it keeps one
     * connection and its prepared statements from the first append until {@link Session#close}, which
     * spares each object the pool's checkout and check-in and four statement preparations.
     */
    public Session session() {
        return new Session();
    }

    /** One connection and its statements, used by one thread at a time; see {@link #session()}. */
    public final class Session implements AutoCloseable {

        private Connection connection;
        private PreparedStatement find;
        private PreparedStatement countStudy;
        private PreparedStatement countSeries;
        private PreparedStatement insert;
        /** The series last found, with its study: its UID (null when none), ids, study UID, patient identifier. */
        private String seriesUid;
        private long seriesId;
        private long studyId;
        private String studyUid;
        private String patientId;
        private String issuer;

        private Session() {
        }

        /**
         * Indexes a new instance of an indexed series in one transaction, committed when this returns.
         *
         * @return the result, or empty when this is not the common case (nothing was written)
         * @throws IllegalStateException when the database failed (nothing was written; the connection is given
         *         back and the next call takes another, so the caller may retry)
         */
        public Optional<IndexResult> append(IncomingInstance in) {
            try {
                Connection c = connection();
                try {
                    boolean done = write(in);
                    if (done) {
                        c.commit();
                    } else {
                        c.rollback();
                    }
                    return done ? Optional.of(IndexResult.created()) : Optional.empty();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException | RuntimeException e) {
                close(); // a connection that failed is not kept
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                SQLException se = (SQLException) e;
                throw new IllegalStateException("cannot index SOP instance " + in.sopInstanceUid() + " (SQL state "
                        + se.getSQLState() + ")", se);
            }
        }

        /** Gives the connection back to the pool (in auto-commit mode, as it was taken). Idempotent. */
        @Override
        public void close() {
            Connection c = connection;
            if (c == null) {
                return;
            }
            connection = null;
            seriesUid = null;
            try (c; var s1 = find; var s2 = countStudy; var s3 = countSeries; var s4 = insert) {
                c.setAutoCommit(true); // nothing is open: each append ended in a commit or a rollback
            } catch (SQLException e) {
                // the pool decides about a connection that cannot be reset
            } finally {
                find = null;
                countStudy = null;
                countSeries = null;
                insert = null;
            }
        }

        private Connection connection() throws SQLException {
            if (connection == null) {
                Connection c = dataSource.getConnection();
                try {
                    c.setAutoCommit(false);
                    find = c.prepareStatement(FIND);
                    countStudy = c.prepareStatement(COUNT_STUDY);
                    countSeries = c.prepareStatement(COUNT_SERIES);
                    insert = c.prepareStatement(INSERT);
                } catch (SQLException | RuntimeException e) {
                    try (c) {
                        c.setAutoCommit(true);
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
                connection = c;
            }
            return connection;
        }

        private boolean write(IncomingInstance in) throws SQLException {
            if (!in.seriesInstanceUid().equals(seriesUid) && !find(in.seriesInstanceUid())) {
                return false; // a new series (or study): the full path
            }
            boolean sameStudy = in.studyInstanceUid().equals(studyUid);
            boolean samePatient = in.patient().patientId().equals(patientId) && in.patient().issuer().equals(issuer);
            if (!sameStudy || !samePatient) {
                return false; // refused by the full path
            }
            Timestamp now = Timestamp.from(clock.instant());
            countStudy.setTimestamp(1, now);
            countStudy.setLong(2, studyId);
            countSeries.setLong(1, seriesId);
            if (countStudy.executeUpdate() != 1 || countSeries.executeUpdate() != 1) {
                seriesUid = null;
                return false; // deleted meanwhile (staff discarded the study): the full path decides
            }
            Instance.StoredFile file = in.file();
            insert.setLong(1, nextId(connection));
            insert.setLong(2, seriesId);
            insert.setString(3, in.sopInstanceUid());
            insert.setString(4, file.sopClassUid());
            insert.setString(5, file.transferSyntaxUid());
            setInteger(insert, 6, file.instanceNumber());
            setInteger(insert, 7, file.numberOfFrames());
            insert.setString(8, file.path());
            insert.setLong(9, file.size());
            insert.setTimestamp(10, now);
            try {
                insert.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false; // a resend of a stored SOP instance: the full path replaces it
                }
                throw e;
            }
            return true;
        }

        /** Remembers the series and its study; false when the series is not indexed. */
        private boolean find(String series) throws SQLException {
            seriesUid = null;
            find.setString(1, series);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                seriesId = rs.getLong(1);
                studyId = rs.getLong(2);
                studyUid = rs.getString(3);
                patientId = rs.getString(4);
                issuer = rs.getString(5);
            }
            seriesUid = series;
            return true;
        }
    }

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    /** The next id of a block taken from {@code instance_seq} (sequences are not transactional). */
    private long nextId(Connection c) throws SQLException {
        synchronized (ids) {
            if (nextId > lastId) {
                try (PreparedStatement s = c.prepareStatement(nextValueSql(c)); ResultSet rs = s.executeQuery()) {
                    rs.next();
                    lastId = rs.getLong(1);
                    nextId = lastId - Instance.ID_ALLOCATION + 1;
                }
            }
            return nextId++;
        }
    }

    private String nextValueSql(Connection c) throws SQLException {
        String sql = nextValueSql;
        if (sql == null) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
            sql = postgres ? "SELECT nextval('instance_seq')" : "SELECT NEXT VALUE FOR instance_seq";
            nextValueSql = sql;
        }
        return sql;
    }
}
