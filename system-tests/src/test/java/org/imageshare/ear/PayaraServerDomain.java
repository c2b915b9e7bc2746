// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ear;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away Payara Server domain under a work directory, driven with {@code asadmin} the way hospital IT
 * drives theirs (server-config/README.md). Every port comes from one port base (admin = base + 48,
 * HTTP = base + 80, the others around them), so the domain clashes with no default Payara port.
 */
final class PayaraServerDomain {

    static final String NAME = "imageshare-it";

    private final Path payaraHome;
    private final Path workDir;
    private final int portBase;
    private final Map<String, String> environment;
    private boolean started;
    private int calls;

    /**
     * @param environment variables for the server process on top of the inherited ones; inherited
     *        {@code IMAGESHARE_*} variables are dropped so that a developer's shell cannot leak into the test
     */
    PayaraServerDomain(Path payaraHome, Path workDir, int portBase, Map<String, String> environment) {
        this.payaraHome = payaraHome;
        this.workDir = workDir;
        this.portBase = portBase;
        this.environment = Map.copyOf(environment);
    }

    int adminPort() {
        return portBase + 48;
    }

    int httpPort() {
        return portBase + 80;
    }

    Path domainsDir() {
        return workDir.resolve("domains");
    }

    Path serverLog() {
        return domainsDir().resolve(NAME).resolve("logs").resolve("server.log");
    }

    /** Removes what an earlier, aborted run left behind, and checks that the two main ports are free. */
    void clean() throws IOException {
        killStrayProcesses();
        if (Files.exists(workDir)) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(workDir);
        for (int port : new int[] {adminPort(), httpPort()}) {
            if (inUse(port)) {
                throw new IllegalStateException("port " + port + " is in use: stop what listens there, or run with"
                        + " -Dimageshare.ear.it.portbase=<another base>");
            }
        }
    }

    void create() {
        asadminLocal(Duration.ofMinutes(2), "create-domain", "--domaindir", domainsDir().toString(),
                "--portbase", Integer.toString(portBase), "--nopassword", NAME);
    }

    void start() {
        started = true;
        asadminLocal(Duration.ofMinutes(3), "start-domain", "--domaindir", domainsDir().toString(), NAME);
    }

    /** Listener and MicroProfile Health settings of setup.asadmin take effect cleanly only at a start. */
    void restart() {
        asadminLocal(Duration.ofMinutes(3), "restart-domain", "--domaindir", domainsDir().toString(), NAME);
    }

    /** Runs an asadmin command against the running domain's admin port. */
    String asadmin(Duration timeout, String... command) {
        List<String> args = new ArrayList<>(List.of("--host", "localhost", "--port", Integer.toString(adminPort())));
        args.addAll(List.of(command));
        return asadminLocal(timeout, args.toArray(String[]::new));
    }

    /** Best effort, never throws: undeploy, stop the domain, kill whatever of it is left. */
    void stop(String application) {
        if (started) {
            tryQuietly(() -> asadmin(Duration.ofMinutes(1), "undeploy", application));
            tryQuietly(() -> asadminLocal(Duration.ofMinutes(1), "stop-domain", "--domaindir",
                    domainsDir().toString(), NAME));
            started = false;
        }
        killStrayProcesses();
    }

    /** The server JVM and anything else started from this work directory (its path is on their command line). */
    private void killStrayProcesses() {
        String marker = workDir.toAbsolutePath().toString();
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle.allProcesses()
                .filter(p -> !p.equals(self))
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(p -> {
                    System.out.println("[ear-it] killing stray process " + p.pid());
                    p.destroyForcibly();
                    p.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> p).join();
                });
    }

    private String asadminLocal(Duration timeout, String... command) {
        List<String> args = new ArrayList<>();
        args.add(payaraHome.resolve("bin").resolve("asadmin").toString());
        args.add("--interactive=false");
        args.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("IMAGESHARE_"));
        env.putAll(environment);
        env.put("AS_JAVA", System.getProperty("java.home"));
        Path output = workDir.resolve(String.format("asadmin-%02d.out", ++calls));
        builder.redirectOutput(output.toFile());
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + String.join(" ", command) + " took longer than " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println("[ear-it] asadmin " + String.join(" ", command) + "\n" + text.strip());
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin " + String.join(" ", command) + " failed (exit "
                        + process.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last lines of the server log, for a failure report. */
    String serverLogTail(int lines) {
        try {
            List<String> all = Files.readAllLines(serverLog(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    private static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void tryQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.out.println("[ear-it] clean-up step failed: " + e.getMessage());
        }
    }
}
