// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A DICOM storage SCP: accepts associations on one address and port, answers C-ECHO, and streams
 * every C-STORE data set, as received, into a temporary file that it hands to the application's
 * {@link StoreHandler} before answering. See {@code dicom/README.md} for the guarantees.
 *
 * <p>At most {@link ListenerConfig#maxAssociations()} associations are served at once; a further
 * one is answered with A-ASSOCIATE-RJ (transient, service provider, local limit exceeded), which
 * senders treat as "try again later".
 */
public final class DicomListener implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DicomListener.class.getName());
    private static final String TEMP_PREFIX = "rcv-";
    private static final String TEMP_SUFFIX = ".part";
    /** How long a rejected connection may take to send its A-ASSOCIATE-RQ before we just close it. */
    private static final int REJECT_READ_TIMEOUT_MILLIS = 2000;
    private static final int GRACEFUL_CLOSE_MILLIS = 500;

    private final ListenerConfig config;
    private final StoreHandler handler;
    private final ServerSocket serverSocket;
    private final Thread acceptThread;
    private final ThreadPoolExecutor pool;
    private final ThreadPoolExecutor rejector;
    private final Semaphore permits;
    private final Set<Association> active = ConcurrentHashMap.newKeySet();
    private final AtomicLong associationIds = new AtomicLong();
    private final AtomicLong tempCounter = new AtomicLong();
    private final String tempStem;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Context context = new Context();
    private volatile List<AllowedCaller> allowedCallers;

    private DicomListener(ListenerConfig config, StoreHandler handler) throws IOException {
        this.config = config;
        this.handler = handler;
        this.allowedCallers = config.allowedCallers();
        this.permits = new Semaphore(config.maxAssociations());
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        this.tempStem = TEMP_PREFIX + HexFormat.of().formatHex(random) + "-";
        Files.createDirectories(config.tempDirectory());
        removeLeftovers(config.tempDirectory());

        // threads: each association holds a permit; a thread may linger briefly after releasing
        // its permit, hence twice the permits as the hard thread limit
        this.pool = new ThreadPoolExecutor(0, config.maxAssociations() * 2, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads("dicom-association"));
        this.rejector = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                threads("dicom-reject"));

        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(config.bindAddress(), config.port()), 50);
        } catch (IOException e) {
            ss.close();
            pool.shutdown();
            rejector.shutdown();
            throw e;
        }
        this.serverSocket = ss;
        this.acceptThread = new Thread(this::acceptLoop, "dicom-accept-" + ss.getLocalPort());
        this.acceptThread.setDaemon(true);
    }

    /**
     * Binds and starts listening.
     *
     * @throws IOException if the address cannot be bound or the temporary directory not created
     */
    public static DicomListener start(ListenerConfig config, StoreHandler handler) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        DicomListener listener = new DicomListener(config, handler);
        listener.acceptThread.start();
        LOG.log(Level.INFO, "DICOM listener {0} on {1}", config.aeTitle(), listener.localAddress());
        return listener;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    public ListenerConfig config() {
        return config;
    }

    /** True from start until {@link #close()}. */
    public boolean isRunning() {
        return !closed.get() && acceptThread.isAlive();
    }

    /** Associations being served right now. */
    public int activeAssociations() {
        return active.size();
    }

    public List<AllowedCaller> allowedCallers() {
        return allowedCallers;
    }

    /** Replaces the allow-list; applies to associations requested from now on. Empty = everyone. */
    public void setAllowedCallers(List<AllowedCaller> callers) {
        this.allowedCallers = List.copyOf(callers);
    }

    /**
     * Stops accepting, lets running associations finish for up to
     * {@link ListenerConfig#shutdownGrace()}, then aborts those still running (their temporary files
     * are deleted). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(serverSocket);
        pool.shutdown();
        rejector.shutdownNow();
        try {
            acceptThread.join(1000);
            if (!pool.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "Aborting {0} association(s) still running at shutdown", String.valueOf(active.size()));
                for (Association a : active) {
                    a.abortFromOutside();
                }
                pool.shutdownNow();
                if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "Association threads did not end (store handler still busy?)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (Association a : active) {
                a.abortFromOutside();
            }
            pool.shutdownNow();
        }
        LOG.log(Level.INFO, "DICOM listener {0} on port {1} stopped", config.aeTitle(), String.valueOf(port()));
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.log(Level.ERROR, "DICOM listener stopped accepting: {0}", e.toString());
                }
                return;
            }
            dispatch(socket);
        }
    }

    private void dispatch(Socket socket) {
        if (!permits.tryAcquire()) {
            reject(socket);
            return;
        }
        Association association = new Association(context, socket, associationIds.incrementAndGet());
        active.add(association);
        try {
            pool.execute(association);
        } catch (RejectedExecutionException e) {
            active.remove(association);
            permits.release();
            closeQuietly(socket);
        }
    }

    /** Over the limit: read the A-ASSOCIATE-RQ and answer A-ASSOCIATE-RJ (transient, local limit exceeded). */
    private void reject(Socket socket) {
        try {
            rejector.execute(() -> {
                try {
                    socket.setSoTimeout(REJECT_READ_TIMEOUT_MILLIS);
                    PduInput in = new PduInput(socket.getInputStream(), 8192);
                    int type = in.readPduTypeOrEof();
                    if (type == Pdus.A_ASSOCIATE_RQ) {
                        in.readUnsignedByte();
                        long length = in.readUnsignedInt();
                        if (length <= 256 * 1024) {
                            in.skip(length);
                            socket.getOutputStream().write(Pdus.associateReject(Pdus.RJ_TRANSIENT,
                                    Pdus.RJ_SOURCE_PRESENTATION, Pdus.RJ_PRESENTATION_LOCAL_LIMIT));
                            LOG.log(Level.WARNING, "Association from {0} rejected: {1} associations already running",
                                    socket.getRemoteSocketAddress(), String.valueOf(config.maxAssociations()));
                        }
                    }
                } catch (IOException e) {
                    // the peer went away; nothing to answer
                } finally {
                    closeGracefully(socket);
                }
            });
        } catch (RejectedExecutionException e) {
            closeQuietly(socket);
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void removeLeftovers(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                LOG.log(Level.INFO, "Removed leftover temporary file {0}", f);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot clean temporary directory {0}: {1}", dir, e.toString());
        }
    }

    /** Creates a new file (read-write) accessible only to its owner (where POSIX permissions exist): it holds PHI. */
    static FileChannel createPrivateFile(Path path) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(path, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(path, options);
    }

    /** Half-closes, waits briefly for the peer to close its side (so our last PDU is not lost to a reset), closes. */
    static void closeGracefully(Socket socket) {
        if (socket.isClosed()) {
            return;
        }
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(GRACEFUL_CLOSE_MILLIS);
            InputStream in = socket.getInputStream();
            byte[] drain = new byte[1024];
            long deadline = System.nanoTime() + Duration.ofMillis(GRACEFUL_CLOSE_MILLIS).toNanos();
            while (in.read(drain) >= 0 && System.nanoTime() < deadline) {
                // discard whatever the peer still sends
            }
        } catch (IOException e) {
            // timed out or reset: close anyway
        } finally {
            closeQuietly(socket);
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // nothing useful to do
        }
    }

    /** What an {@link Association} needs from its listener. */
    final class Context {

        ListenerConfig config() {
            return config;
        }

        StoreHandler handler() {
            return handler;
        }

        boolean isAllowed(String callingAe, InetAddress remote) {
            List<AllowedCaller> list = allowedCallers;
            if (list.isEmpty()) {
                return true;
            }
            for (AllowedCaller c : list) {
                if (c.matches(callingAe, remote)) {
                    return true;
                }
            }
            return false;
        }

        Path newTempFile() {
            return config.tempDirectory().resolve(tempStem + tempCounter.incrementAndGet() + TEMP_SUFFIX);
        }

        void ended(Association association) {
            if (active.remove(association)) {
                permits.release();
            }
        }
    }

    @Override
    public String toString() {
        return "DicomListener[" + config.aeTitle() + "@" + localAddress() + "]";
    }
}
