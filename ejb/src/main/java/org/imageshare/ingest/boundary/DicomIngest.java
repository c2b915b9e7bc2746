// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import javax.sql.DataSource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.imageshare.dicom.InvalidDicomFile;
import org.imageshare.dicom.Part10File;
import org.imageshare.dicom.ReceivedObject;
import org.imageshare.ingest.control.DurableMarkers;
import org.imageshare.ingest.control.IncomingInstance;
import org.imageshare.ingest.control.IndexResult;
import org.imageshare.ingest.control.StoreJournal;
import org.imageshare.ingest.control.StorePaths;
import org.imageshare.platform.control.ImageShareException;
import org.imageshare.dicom.AllowedCaller;
import org.imageshare.ingest.entity.AllowedCallingAe;
import org.imageshare.study.entity.Instance;
import org.imageshare.dicom.DicomListener;
import org.imageshare.dicom.ListenerConfig;
import org.imageshare.ingest.control.IngestHandler;
import org.imageshare.ingest.control.InstanceAppender;
import org.imageshare.ingest.control.StudyIndex;
import org.imageshare.platform.boundary.ResourceDefinitions;
import org.imageshare.platform.control.ImageShareConfig;

/**
 * Runs the DICOM listener (C-ECHO, C-STORE SCP) for the life of the application: started once the
 * schema is current, stopped cleanly on undeploy (running associations get the adapter's grace period).
 * Files arrive in {@code IMAGESHARE_DATA_DIR/incoming} and are moved into {@code IMAGESHARE_DATA_DIR/store}.
 *
 * <p>If the listener cannot start (e.g. the port is taken) the application still starts and the
 * {@code dicom} readiness check reports DOWN.
 */
@Singleton
@Startup
@DependsOn("SchemaBootstrap")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DicomIngest {

    private static final System.Logger LOG = System.getLogger(DicomIngest.class.getName());

    @Inject
    ImageShareConfig config;

    @Inject
    StudyIndexer indexer;

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = ResourceDefinitions.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    Clock clock;

    /** How often the journal entries of committed objects are settled on H2 (see {@link DurableMarkers}). */
    private static final long FLUSH_MILLIS = 200;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile DicomListener listener;
    private volatile DurableMarkers durableMarkers;
    private volatile ScheduledFuture<?> flusher;
    private volatile IngestHandler handler;

    @PostConstruct
    void start() {
        String aet = config.dicomAeTitle();
        try {
            Path incoming = Files.createDirectories(incomingDirectory());
            Path store = Files.createDirectories(storeRoot());
            Path journal = config.dataDir().resolve("store-journal");
            // The common case (a new instance of an indexed series) by plain JDBC, the rest by the EJB;
            // both have committed when they return (docs/benchmarks.md).
            StudyIndex index = appendingIndex(new InstanceAppender(dataSource, clock));
            int recovered = IngestHandler.recover(store, journal, this::indexedSize,
                    (file, relative, callingAe) -> reindex(index, file, relative, callingAe));
            if (recovered > 0) {
                LOG.log(Level.WARNING, "{0} image(s) in flight when the server last stopped were reconciled", recovered);
            }
            handler = new IngestHandler(store, journal, config.defaultIssuer(), index, indexer::associationEnded,
                    committedEntries());
            ListenerConfig settings = ListenerConfig.builder(aet, incoming)
                    .bindAddress(InetAddress.getByName(config.dicomBind()))
                    .port(config.dicomPort())
                    .maxAssociations(config.dicomMaxAssociations())
                    .maxPduLength(config.dicomMaxPdu())
                    .allowedCallers(allowedCallers())
                    .build();
            listener = DicomListener.start(settings, handler);
            LOG.log(Level.INFO, "DICOM listener {0} on {1}", aet, listener.localAddress());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "The DICOM listener " + aet + " on " + config.dicomBind() + ":"
                    + config.dicomPort() + " could not start", e);
        }
    }

    /**
     * Reads the calling-AE allow-list from the database into the running listener, which checks each new
     * association against its in-memory copy (no database access per association). Called at start and
     * after every committed change.
     */
    public void reloadAllowedCallers() {
        DicomListener l = listener;
        if (l != null) {
            List<AllowedCaller> callers = allowedCallers();
            l.setAllowedCallers(callers);
            LOG.log(Level.INFO, "DICOM calling-AE allow-list: {0} entries", callers.size());
        }
    }

    /**
     * What happens to an ingest journal entry once its object's row has committed. H2 (embedded) writes
     * committed changes to its file in batches ({@code WRITE_DELAY}), so the entry stays open until a checkpoint
     * has written the row; other databases' commits are durable when they return, so it ends at once.
     */
    private Consumer<StoreJournal.Entry> committedEntries() throws IOException {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IOException("cannot reach the database", e);
        }
        if (!"H2".equalsIgnoreCase(product)) {
            return IngestHandler.END_AT_ONCE;
        }
        DurableMarkers markers = new DurableMarkers(this::checkpoint);
        durableMarkers = markers;
        flusher = scheduler.scheduleWithFixedDelay(markers::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        return markers;
    }

    /** H2: writes every committed change to the database file now. */
    private void checkpoint() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /** Recovery: indexes a complete object found in the store without its (durable) row. */
    private boolean reindex(StudyIndex index, Path file, String relative, String callingAe) {
        Part10File.Inspected inspected;
        try {
            inspected = Part10File.inspect(file);
        } catch (InvalidDicomFile | IOException e) {
            LOG.log(Level.WARNING, "In-flight file {0} cannot be read again: {1}", relative, e.getMessage());
            return false;
        }
        var header = inspected.header();
        if (!StorePaths.isUid(header.studyInstanceUid()) || !StorePaths.isUid(header.seriesInstanceUid())
                || !StorePaths.isUid(inspected.sopInstanceUid()) || !relative.equals(StorePaths.relative(
                        header.studyInstanceUid(), header.seriesInstanceUid(), inspected.sopInstanceUid()))) {
            LOG.log(Level.WARNING, "In-flight file {0} does not belong at its path", relative);
            return false;
        }
        ReceivedObject object = new ReceivedObject(0, callingAe, InetSocketAddress.createUnresolved("unknown", 0),
                inspected.sopClassUid(), inspected.sopInstanceUid(), inspected.transferSyntaxUid(), file,
                inspected.fileSize(), header);
        try {
            index.index(IncomingInstance.of(object, relative, config.defaultIssuer()));
            return true;
        } catch (ImageShareException e) {
            LOG.log(Level.WARNING, "In-flight SOP instance {0} refused: {1}", inspected.sopInstanceUid(), e.getMessage());
            return false;
        }
    }

    /** The indexed size of the SOP instance whose file is at this store-relative path, if indexed there. */
    private Optional<Long> indexedSize(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        String sopUid = name.endsWith(".dcm") ? name.substring(0, name.length() - 4) : name;
        return em.createNamedQuery(Instance.FIND_BY_UID, Instance.class).setParameter("uid", sopUid)
                .getResultStream().filter(i -> i.getFilePath().equals(relative)).findFirst()
                .map(Instance::getFileSize);
    }

    private List<AllowedCaller> allowedCallers() {
        return em.createNamedQuery(AllowedCallingAe.FIND_ALL, AllowedCallingAe.class).getResultStream()
                .map(e -> e.getHost().map(h -> AllowedCaller.onHost(e.getAeTitle(), h))
                        .orElseGet(() -> AllowedCaller.anyHost(e.getAeTitle())))
                .toList();
    }

    @PreDestroy
    void stop() {
        DicomListener running = listener;
        listener = null;
        if (running != null) {
            running.close();
            LOG.log(Level.INFO, "DICOM listener stopped");
        }
        ScheduledFuture<?> f = flusher;
        if (f != null) {
            f.cancel(false);
        }
        DurableMarkers markers = durableMarkers;
        if (markers != null) {
            markers.flush();
        }
        IngestHandler h = handler;
        if (h != null) {
            h.close();
        }
    }

    /**
     * The common case by {@link InstanceAppender}, the rest by {@link StudyIndexer}. An association's session
     * keeps one pooled connection while it lasts, unless the listener may serve so many associations at once
     * that they could hold half the pool ({@link ResourceDefinitions#MAX_POOL_SIZE}); then each object takes one.
     */
    private StudyIndex appendingIndex(InstanceAppender appender) {
        boolean keepConnections = config.dicomMaxAssociations() <= ResourceDefinitions.MAX_POOL_SIZE / 2;
        return new StudyIndex() {
            @Override
            public IndexResult index(IncomingInstance in) {
                try (Session alone = appending(appender.session())) {
                    return alone.index(in);
                }
            }

            @Override
            public Session openSession() {
                return keepConnections ? appending(appender.session()) : StudyIndex.super.openSession();
            }
        };
    }

    /** Indexes through {@code appending} (the common case), the rest through {@link StudyIndexer}. */
    private StudyIndex.Session appending(InstanceAppender.Session appending) {
        return new StudyIndex.Session() {
            @Override
            public IndexResult index(IncomingInstance in) {
                return appending.append(in).orElseGet(() -> indexer.index(in));
            }

            @Override
            public void close() {
                appending.close();
            }
        };
    }

    /**
     * The ingest path C-STORE uses (move into the store, index, match, audit), for objects that arrive
     * otherwise (STOW-RS, CD import); their temporary files belong in {@link #incomingDirectory()}.
     */
    public IngestHandler handler() {
        IngestHandler h = handler;
        if (h == null) {
            throw new IllegalStateException("ingest is not ready");
        }
        return h;
    }

    /** Where received files wait before they are moved into the store (same file system). */
    public Path incomingDirectory() {
        return config.dataDir().resolve("incoming");
    }

    /** The root of the image store: {@code IMAGESHARE_DATA_DIR/store}. */
    public Path storeRoot() {
        return config.dataDir().resolve("store");
    }

    public boolean isRunning() {
        DicomListener l = listener;
        return l != null && l.isRunning();
    }

    /** The port actually listened on, while running. */
    public Optional<Integer> port() {
        DicomListener l = listener;
        return l != null && l.isRunning() ? Optional.of(l.port()) : Optional.empty();
    }

    public int activeAssociations() {
        DicomListener l = listener;
        return l == null ? 0 : l.activeAssociations();
    }
}
