// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Arquillian extension (test JVM side, registered in {@code META-INF/services}): a test class's Payara Micro
 * server has exited before the next class's server starts.
 *
 * <p>arquillian-payara-micro-managed starts one Payara Micro JVM per test class and "undeploys" it with
 * {@code Process.destroy()}, returning at once. The next class's server then started while the old JVM was
 * still shutting down and holding what both use — the H2 database file and the broker journal in the
 * run's data directory — and its deployment failed ("ArquillianServletRunnerEE9 not found", seen in CI).
 * So after each undeploy this waits until the old JVM has gone (SIGKILL after a grace period), and before
 * each deploy it stops a server a failed deployment may have left running.
 */
public final class StoppedServers implements LoadableExtension {

    private static final System.Logger LOG = System.getLogger(StoppedServers.class.getName());
    /** A clean stop takes a few seconds; a busy machine gets more before the SIGKILL. */
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final Duration AFTER_KILL = Duration.ofSeconds(20);

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(StoppedServers.Observer.class);
    }

    /** The observer Arquillian calls around each deployment. */
    public static final class Observer {

        public void afterUndeploy(@Observes AfterUnDeploy event) {
            awaitExit("stopped after " + event.getDeployment().getName());
        }

        public void beforeDeploy(@Observes BeforeDeploy event) {
            awaitExit("left running before " + event.getDeployment().getName());
        }
    }

    /** Stops every Payara Micro JVM this test JVM started and waits until each has exited. */
    static void awaitExit(String why) {
        String jar = System.getProperty("payara.microJar", "payara-micro");
        List<ProcessHandle> servers = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> c.contains(jar)).orElse(false))
                .toList();
        for (ProcessHandle server : servers) {
            Instant start = Instant.now();
            server.destroy(); // SIGTERM: Payara's clean stop (again, if the container sent it already)
            if (!exited(server, GRACE)) {
                LOG.log(Level.WARNING, "Payara Micro {0} ({1}) did not stop within {2} s: killing it",
                        server.pid(), why, GRACE.toSeconds());
                server.destroyForcibly();
                if (!exited(server, AFTER_KILL)) {
                    throw new IllegalStateException("Payara Micro " + server.pid() + " (" + why
                            + ") still runs after SIGKILL: the next server would share its data directory");
                }
            }
            LOG.log(Level.INFO, "Payara Micro {0} ({1}) exited after {2} ms", server.pid(), why,
                    Duration.between(start, Instant.now()).toMillis());
        }
    }

    private static boolean exited(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Payara Micro to stop", e);
        }
    }
}
