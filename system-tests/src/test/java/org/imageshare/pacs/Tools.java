// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** DCMTK tools (TCP_NODELAY=1, as the NOTES advise) and test files for the system tests of this package. */
public final class Tools {

    static final Path CT = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");

    public record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    public static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command.get(0));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** {@code n} copies of the pydicom CT as one study (given UID, one series), with fresh SOP instance UIDs. */
    public static List<Path> study(Path dir, String patientId, String studyUid, String date, int n)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = dir.resolve(String.format("img%04d.dcm", i));
            Files.copy(CT, f);
            files.add(f);
        }
        for (int from = 0; from < n; from += 100) {
            List<String> cmd = new ArrayList<>(List.of("dcmodify", "-nb", "-gin", "-m", "(0010,0020)=" + patientId,
                    "-m", "(0020,000D)=" + studyUid, "-m", "(0020,000E)=" + studyUid + ".1",
                    "-m", "(0008,0020)=" + date));
            files.subList(from, Math.min(n, from + 100)).forEach(f -> cmd.add(f.toString()));
            Result r = run(cmd, 120);
            if (r.exitCode() != 0) {
                throw new IOException("dcmodify failed: " + r.output());
            }
        }
        return files;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    public static String uid() {
        return "2.25." + new java.math.BigInteger(java.util.UUID.randomUUID().toString().replace("-", ""), 16);
    }
}
