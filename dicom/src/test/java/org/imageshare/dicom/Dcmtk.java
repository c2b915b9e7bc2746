// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs DCMTK command-line tools (Debian package dcmtk) with Nagle off, as the NOTES advise. */
final class Dcmtk {

    static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Dcmtk() {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, 60);
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        // read output on this thread; the process ends on its own (all tools get timeouts)
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Process start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    static Result echo(String callingAe, String calledAe, int port) throws IOException, InterruptedException {
        return run(List.of("echoscu", "-to", "10", "-ta", "10", "-aet", callingAe, "-aec", calledAe, "localhost",
                String.valueOf(port)));
    }

    /** storescu with a configuration profile (so compressed syntaxes are proposed); -nh: go on after a failure. */
    static List<String> storescu(Path config, String profile, String calledAe, int port, List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-nh", "-to", "10", "-ta", "10", "-td", "20",
                "-xf", config.toString(), profile, "-aet", "TESTSCU", "-aec", calledAe, "localhost",
                String.valueOf(port)));
        files.forEach(f -> cmd.add(f.toString()));
        return cmd;
    }
}
