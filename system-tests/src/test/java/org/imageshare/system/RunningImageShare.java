// SPDX-License-Identifier: Apache-2.0
package org.imageshare.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts ImageShare from the built WAR exactly as {@code ./imageshare start} does — Payara Micro with the
 * pre/post-boot files of {@code target/runtime} — on free ports with a fresh data directory, and waits until
 * {@code /health} reports the database check. One instance serves every test class of the JVM (kept in the
 * root store, stopped with its whole process tree when the run ends). The server log goes to
 * {@code target/running-imageshare.log}.
 *
 * <p>Use with {@code @ExtendWith(RunningImageShare.class)} and a {@link Instance} parameter.
 */
public final class RunningImageShare implements ParameterResolver {

    /** The bootstrap admin's password on the test instance. */
    public static final String ADMIN_PASSWORD = "browser-test-admin-password";
    /** Generous for a busy 2-core machine (a start takes 30-45 s idle, 150 s seen at load ~27). */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(Long.getLong("imageshare.it.startup-timeout-seconds", 180));
    /** A restart on used data also recovers the store journal and the broker: allow it more time on a busy machine. */
    private static final Duration RESTART_TIMEOUT = STARTUP_TIMEOUT.plusSeconds(120);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningImageShare.class);

    /** A running instance: where it answers (HTTP, DICOM on 127.0.0.1) and how to sign in as the bootstrap admin. */
    public record Instance(URI baseUrl, String adminUser, String adminPassword, Path dataDir, int dicomPort) {
        public String url(String path) {
            return baseUrl.toString() + path;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Instance.class;
    }

    @Override
    public Instance resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Server.class, type -> Server.start("running-imageshare", Map.of(), null), Server.class)
                .instance();
    }

    /** An instance of a test's own (e.g. one a flood must not share), with extra IMAGESHARE_* settings. */
    public static Dedicated startDedicated(String name, Map<String, String> settings) {
        Server server = Server.start(name, settings, null);
        return new Dedicated(server);
    }

    /**
     * An instance of a test's own on a data directory the test owns (kept when the instance stops), e.g. to
     * start again on the same data after {@link Dedicated#kill()}.
     */
    public static Dedicated startDedicated(String name, Map<String, String> settings, Path dataDir) {
        return new Dedicated(Server.start(name, settings, dataDir));
    }

    /** A test's own instance; close it when done. */
    public static final class Dedicated implements AutoCloseable {
        private Server server;

        private Dedicated(Server server) {
            this.server = server;
        }

        public Instance instance() {
            return server.instance();
        }

        /** SIGKILL to the server and everything it started: no shutdown hook, no clean stop. */
        public void kill() {
            server.kill();
        }

        /** Starts the server again on the same data directory, ports and settings (after {@link #kill()}). */
        public void restart() {
            server = server.restart();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** The Payara Micro process; closed by JUnit at the end of the run (the store closes AutoCloseable values). */
    static final class Server implements AutoCloseable {

        private final Process process;
        private final Instance instance;
        private final String name;
        private final Map<String, String> settings;
        private final boolean ownsDataDir;

        private Server(Process process, Instance instance, String name, Map<String, String> settings,
                boolean ownsDataDir) {
            this.process = process;
            this.instance = instance;
            this.name = name;
            this.settings = settings;
            this.ownsDataDir = ownsDataDir;
        }

        Server restart() {
            if (process.isAlive()) {
                throw new IllegalStateException("still running: kill it first");
            }
            try {
                return start(name + "-restarted", settings, instance.dataDir(), instance.baseUrl().getPort(),
                        instance.dicomPort(), ownsDataDir, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Instance instance() {
            return instance;
        }

        static Server start(String name, Map<String, String> settings, Path givenDataDir) {
            try {
                Path dataDir = givenDataDir != null ? Files.createDirectories(givenDataDir)
                        : Files.createTempDirectory("imageshare-it-");
                return start(name, settings, dataDir, freePort(), freePort(), givenDataDir == null, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Server start(String name, Map<String, String> settings, Path dataDir, int httpPort,
                int dicomPort, boolean ownsDataDir, boolean restart) throws IOException {
            Path root = Path.of(System.getProperty("imageshare.root", "..")).toAbsolutePath().normalize();
            Path runtime = root.resolve("target/runtime");
            Path war = root.resolve("micro/target/imageshare.war");
            for (Path needed : List.of(runtime.resolve("payara-micro.jar"), runtime.resolve("micro/pre-boot.asadmin"),
                    war)) {
                if (!Files.isRegularFile(needed)) {
                    throw new IllegalStateException(needed + " is missing: build first (./mvnw install)");
                }
            }
            try {
                Path buildDir = Path.of(System.getProperty("imageshare.buildDir", "target")).toAbsolutePath();
                Files.createDirectories(buildDir);
                // as the launcher does: Payara Micro's root directory is server state, rebuilt at every start
                deleteQuietly(dataDir.resolve("payara"));
                Files.createDirectories(dataDir.resolve("payara"));
                String baseUrl = "http://localhost:" + httpPort;
                String java = ProcessHandle.current().info().command().orElse("java");
                List<String> command = new ArrayList<>(List.of(java));
                // the launcher's default JVM options (IMAGESHARE_JAVA_OPTS there; this property here, e.g. to compare)
                command.addAll(List.of(System.getProperty("imageshare.it.java-opts", "-Xmx1g -XX:TieredStopAtLevel=1")
                        .trim().split("\\s+")));
                command.addAll(List.of("-Djava.awt.headless=true",
                        "-Dmp.health.default.readiness.empty.response=DOWN",
                        "-Dmp.health.default.startup.empty.response=DOWN",
                        "-jar", runtime.resolve("payara-micro.jar").toString(),
                        "--nocluster", "--nohazelcast", "--noHostAware",
                        "--port", Integer.toString(httpPort),
                        "--rootDir", dataDir.resolve("payara").toString(),
                        "--prebootcommandfile", runtime.resolve("micro/pre-boot.asadmin").toString(),
                        "--postbootcommandfile", runtime.resolve("micro/post-boot.asadmin").toString(),
                        "--contextroot", "/",
                        "--deploy", war.toString()));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(buildDir.resolve(name + ".log").toFile()));
                Map<String, String> env = builder.environment();
                env.keySet().removeIf(variable -> variable.startsWith("IMAGESHARE_"));
                env.put("IMAGESHARE_DATA_DIR", dataDir.toString());
                env.put("IMAGESHARE_HTTP_PORT", Integer.toString(httpPort));
                env.put("IMAGESHARE_PUBLIC_URL", baseUrl);
                env.put("IMAGESHARE_DICOM_AET", "IMAGESHARE");
                env.put("IMAGESHARE_DICOM_PORT", Integer.toString(dicomPort));
                env.put("IMAGESHARE_DICOM_BIND", "127.0.0.1");
                env.put("IMAGESHARE_BROKER_URL", "vm://imageshare?broker.persistent=true&broker.useJmx=false"
                        + "&broker.useShutdownHook=false&broker.dataDirectory=" + dataDir.resolve("broker"));
                env.put("IMAGESHARE_ADMIN_USER", "admin");
                env.put("IMAGESHARE_ADMIN_PASSWORD", ADMIN_PASSWORD);
                env.putAll(settings);
                Process process = builder.start();
                Server server = new Server(process,
                        new Instance(URI.create(baseUrl), "admin", ADMIN_PASSWORD, dataDir, dicomPort), name,
                        Map.copyOf(settings), ownsDataDir);
                try {
                    server.awaitHealthy(restart ? RESTART_TIMEOUT : STARTUP_TIMEOUT);
                } catch (RuntimeException | Error e) {
                    server.close();
                    throw e;
                }
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void awaitHealthy(Duration timeout) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create(instance.url("/health")))
                    .timeout(Duration.ofSeconds(5)).build();
            HttpRequest portal = HttpRequest.newBuilder(URI.create(instance.url("/index.xhtml")))
                    .timeout(Duration.ofSeconds(10)).build();
            Instant deadline = Instant.now().plus(timeout);
            String last = "no answer";
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("ImageShare exited with " + process.exitValue()
                            + " during start; see target/" + name + ".log");
                }
                try {
                    HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                    last = "/health " + answer.statusCode() + " " + answer.body();
                    // /health answers before the portal has finished starting: wait for a page, too
                    if (answer.statusCode() == 200 && answer.body().contains("\"database\"")) {
                        int page = http.send(portal, HttpResponse.BodyHandlers.discarding()).statusCode();
                        last = "/index.xhtml " + page;
                        if (page == 200) {
                            return;
                        }
                    }
                } catch (IOException e) {
                    last = e.getClass().getSimpleName(); // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for ImageShare", e);
                }
                sleep(Duration.ofMillis(500));
            }
            throw new IllegalStateException("ImageShare did not report healthy within " + timeout.toSeconds()
                    + " s (last: " + last + "); see target/" + name + ".log");
        }

        @Override
        public void close() {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            process.destroy();
            tree.forEach(ProcessHandle::destroy);
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            if (ownsDataDir) {
                deleteQuietly(instance.dataDir());
            }
        }

        void kill() {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            process.destroyForcibly(); // SIGKILL on Unix
            tree.forEach(ProcessHandle::destroyForcibly);
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void deleteQuietly(Path dir) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a temporary directory; the OS cleans up what is left
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            }
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
