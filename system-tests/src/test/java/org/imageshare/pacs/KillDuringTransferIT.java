// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of a {@code storescu} transfer of a multi-file study, then a start on the same data
 * directory: every indexed image has its complete file and every file in the store is indexed, nothing is left
 * in the incoming directory, and the resend of the whole study completes with the right instance count.
 */
class KillDuringTransferIT {

    private static final int STUDY_SIZE = 200;

    @TempDir
    Path dir;

    @Test
    void aKilledServerLeavesNoHalfStoredImageAndTheResendCompletes() throws Exception {
        Path data = dir.resolve("data");
        String studyUid = Tools.uid();
        List<Path> files = Tools.study(dir.resolve("study"), "KILL-1", studyUid, "20240202", STUDY_SIZE);
        Path store = data.resolve("store");
        Path incoming = data.resolve("incoming");

        RunningImageShare.Dedicated first = RunningImageShare.startDedicated("kill-during-transfer", Map.of(), data);
        int storedAtKill;
        String sendOutput;
        try {
            Process sender = storescu(first.instance().dicomPort(), files, dir.resolve("first-send.log"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (countFiles(store) < STUDY_SIZE / 8) {
                assertThat(System.nanoTime()).as("storescu made no progress").isLessThan(deadline);
                assertThat(sender.isAlive()).as("storescu ended before the kill").isTrue();
                Thread.sleep(5);
            }
            first.kill();
            storedAtKill = countFiles(store);
            sender.waitFor(30, TimeUnit.SECONDS);
            sendOutput = Files.readString(dir.resolve("first-send.log"));
        } finally {
            first.close();
        }
        assertThat(storedAtKill).as("killed in the middle").isBetween(1, STUDY_SIZE - 1);
        int acknowledged = sendOutput.split("Received Store Response \\(Success\\)", -1).length - 1;
        assertThat(acknowledged).as("storescu did not get every image acknowledged").isLessThan(STUDY_SIZE);

        RunningImageShare.Dedicated second = RunningImageShare.startDedicated("kill-during-transfer", Map.of(), data);
        try {
            Http api = new Http(second.instance().baseUrl(), second.instance().adminUser(),
                    second.instance().adminPassword());
            int indexed = indexedInstances(api, studyUid).orElse(0);
            List<Path> inStore = storeFiles(store);
            assertThat(indexed).as("index rows = files in the store after the restart").isEqualTo(inStore.size());
            assertThat(indexed).isGreaterThan(0).isLessThan(STUDY_SIZE)
                    .as("every image acknowledged with success before the kill is still indexed")
                    .isGreaterThanOrEqualTo(acknowledged);
            assertThat(incomingLeftovers(incoming)).as("no partial file left").isEmpty();
            assertThat(leftovers(store)).as("no temporary or replaced file in the store").isEmpty();
            for (Path f : inStore) {
                Tools.Result dump = Tools.run(List.of("dcmdump", "-q", "+E", f.toString()), 30);
                assertThat(dump.exitCode()).as("complete, parseable file " + f + ": " + dump.output()).isZero();
            }

            Process resend = storescu(second.instance().dicomPort(), files, dir.resolve("resend.log"));
            assertThat(resend.waitFor(180, TimeUnit.SECONDS)).isTrue();
            String resendLog = Files.readString(dir.resolve("resend.log"));
            assertThat(resend.exitValue()).as(resendLog).isZero();
            assertThat(resendLog.split("Received Store Response \\(Success\\)", -1)).hasSize(STUDY_SIZE + 1);
            assertThat(indexedInstances(api, studyUid)).hasValue(STUDY_SIZE);
            assertThat(storeFiles(store)).hasSize(STUDY_SIZE);
            assertThat(incomingLeftovers(incoming)).isEmpty();
        } finally {
            second.close();
        }
    }

    private static Process storescu(int port, List<Path> files, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-nh", "-to", "10", "-ta", "10", "-td", "20",
                "-aet", "KILLTEST", "-aec", "IMAGESHARE", "127.0.0.1", String.valueOf(port)));
        files.forEach(f -> cmd.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TCP_NODELAY", "1");
        return pb.start();
    }

    /** The study's instance count in the index (unmatched worklist: nobody with this patient ID is enrolled). */
    private static Optional<Integer> indexedInstances(Http api, String studyUid) {
        JsonArray unmatched = (JsonArray) Http.json(api.get("/api/v1/studies/unmatched"));
        return unmatched.stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("studyInstanceUid").equals(studyUid)).findFirst()
                .map(s -> s.getInt("numberOfInstances"));
    }

    private static int countFiles(Path store) throws IOException {
        return storeFiles(store).size();
    }

    private static List<Path> storeFiles(Path store) throws IOException {
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(store)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".dcm")).toList();
        }
    }

    private static List<Path> leftovers(Path store) throws IOException {
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(store)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".dcm")).toList();
        }
    }

    private static List<Path> incomingLeftovers(Path incoming) throws IOException {
        if (!Files.isDirectory(incoming)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(incoming)) {
            return s.toList();
        }
    }
}
