// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrieve tasks over REST against DCMTK {@code dcmqrscp} as the PACS (it honours C-CANCEL between
 * sub-operations): a running task cancelled stops with part of its study, a pending one never starts, a retry
 * runs the study again as a new task to its end, and a task left running when the server was killed is failed at
 * the next start ("interrupted by a restart") and completes when retried. The calling-AE allow-list's host:
 * an entry bound to one address rejects the same AE title calling from another (a real association from
 * 127.0.0.2 against one from 127.0.0.1). One dedicated instance, killed and restarted by the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrieveTasksIT {

    private static final String PACS_AE = "TASKS_PACS";
    /** Large enough that a running move is still running when cancelled or killed (each image is committed). */
    private static final int BIG = 1000;

    @TempDir
    static Path dir;

    private static RunningImageShare.Dedicated server;
    private static Http api;
    private static Process pacs;
    private static int pacsPort;

    @BeforeAll
    static void start() throws Exception {
        server = RunningImageShare.startDedicated("retrieve-tasks", Map.of("IMAGESHARE_RELEASE_DELAY", "PT0S"),
                Files.createDirectories(dir.resolve("data")));
        RunningImageShare.Instance app = server.instance();
        api = new Http(app.baseUrl(), app.adminUser(), app.adminPassword());
        pacsPort = Tools.freePort();
        pacs = startPacs(dir.resolve("pacs"), app.dicomPort());
        HttpResponse<String> saved = api.put("/api/v1/pacs", """
                {"aeTitle": "%s", "host": "127.0.0.1", "port": %d}""".formatted(PACS_AE, pacsPort));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pacs != null) {
            pacs.destroy();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aRunningTaskCancelledStopsWithPartOfItsStudyAndAPendingOneNeverStarts() throws Exception {
        String big = load("CANCEL-1", BIG);
        String small = load("CANCEL-2", 2);
        HttpResponse<String> started = api.post("/api/v1/pacs/retrievals",
                "{\"studyInstanceUids\": [\"" + big + "\", \"" + small + "\"]}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonArray tasks = (JsonArray) Http.json(started);
        long running = id(tasks.getJsonObject(0));
        long pending = id(tasks.getJsonObject(1));
        // one worker runs a request's tasks in turn: the second waits while the first runs
        awaitTask(running, t -> t.getString("status").equals("RUNNING") && t.getInt("completed") > 0);
        HttpResponse<String> cancelPending = api.post("/api/v1/pacs/retrievals/" + pending + "/cancel", null);
        assertThat(cancelPending.statusCode()).as(cancelPending.body()).isEqualTo(200);
        HttpResponse<String> cancel = api.post("/api/v1/pacs/retrievals/" + running + "/cancel", null);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(((JsonObject) Http.json(cancel)).getBoolean("cancelRequested")).isTrue();

        JsonObject first = awaitFinished(running);
        assertThat(first.getString("status")).as(first.toString()).isEqualTo("CANCELLED");
        assertThat(first.getInt("completed")).as(first.toString()).isBetween(1, BIG - 1);
        assertThat(first.getString("dimseStatus")).as(first.toString()).isEqualToIgnoringCase("FE00");
        JsonObject second = awaitFinished(pending);
        assertThat(second.getString("status")).as(second.toString()).isEqualTo("CANCELLED");
        assertThat(absent(second, "startedAt")).as("never started: " + second).isTrue();
        assertThat(localInstances(small)).as("nothing of the pending study was moved").isZero();
        int arrived = localInstances(big);
        assertThat(arrived).as("what arrived before the cancel is kept").isBetween(1, BIG - 1);

        // a finished task cannot be cancelled; a retry runs the study again as a new task, to its end
        assertThat(api.post("/api/v1/pacs/retrievals/" + running + "/cancel", null).statusCode()).isEqualTo(409);
        assertThat(api.post("/api/v1/pacs/retrievals/999999999/cancel", null).statusCode()).isEqualTo(404);
        HttpResponse<String> retried = api.post("/api/v1/pacs/retrievals/" + running + "/retry", null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        long again = id((JsonObject) Http.json(retried));
        assertThat(again).isNotEqualTo(running);
        JsonObject done = awaitFinished(again);
        assertThat(done.getString("status")).as(done.toString()).isEqualTo("DONE");
        assertThat(done.getString("studyInstanceUid")).isEqualTo(big);
        assertThat(done.getInt("completed")).isEqualTo(BIG);
        assertThat(localInstances(big)).isEqualTo(BIG);
        HttpResponse<String> retryPending = api.post("/api/v1/pacs/retrievals/" + pending + "/retry", null);
        assertThat(retryPending.statusCode()).as(retryPending.body()).isEqualTo(202);
        assertThat(awaitFinished(id((JsonObject) Http.json(retryPending))).getString("status")).isEqualTo("DONE");
        assertThat(localInstances(small)).isEqualTo(2);
        // a task still running cannot be retried
        String third = load("CANCEL-3", BIG);
        long busy = id(((JsonArray) Http.json(api.post("/api/v1/pacs/retrievals",
                "{\"studyInstanceUids\": [\"" + third + "\"]}"))).getJsonObject(0));
        awaitTask(busy, t -> t.getString("status").equals("RUNNING"));
        assertThat(api.post("/api/v1/pacs/retrievals/" + busy + "/retry", null).statusCode()).isEqualTo(409);
        assertThat(api.post("/api/v1/pacs/retrievals/" + busy + "/cancel", null).statusCode()).isEqualTo(200);
        assertThat(awaitFinished(busy).getString("status")).isIn("CANCELLED", "DONE");
    }

    @Test
    @Order(2)
    void anAllowListEntryWithAHostRejectsTheSameAeTitleFromAnotherAddress() throws Exception {
        int port = server.instance().dicomPort();
        assertThat(associate("HOSTBOUND", "127.0.0.1", port)).as("empty list: anyone").isEqualTo(Pdu.ACCEPT);
        HttpResponse<String> added = api.post("/api/v1/dicom/allowed-callers",
                "{\"aeTitle\": \"HOSTBOUND\", \"host\": \"127.0.0.2\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        long id = id((JsonObject) Http.json(added));
        HttpResponse<String> list = api.get("/api/v1/dicom/allowed-callers");
        assertThat(list.body()).contains("\"host\":\"127.0.0.2\"");
        try {
            assertThat(associate("HOSTBOUND", "127.0.0.2", port)).as("its own address").isEqualTo(Pdu.ACCEPT);
            assertThat(associate("HOSTBOUND", "127.0.0.1", port)).as("the same AE title from another address")
                    .isEqualTo(Pdu.REJECT_CALLING_AE);
            assertThat(associate("SOMEONE", "127.0.0.2", port)).as("another AE title from the address")
                    .isEqualTo(Pdu.REJECT_CALLING_AE);
        } finally {
            assertThat(api.delete("/api/v1/dicom/allowed-callers/" + id).statusCode()).isEqualTo(204);
        }
        assertThat(associate("HOSTBOUND", "127.0.0.1", port)).isEqualTo(Pdu.ACCEPT);
    }

    @Test
    @Order(3)
    void aTaskLeftRunningByAKilledServerIsFailedAtTheNextStartAndCompletesWhenRetried() throws Exception {
        String study = load("RESTART-1", BIG);
        long id = id(((JsonArray) Http.json(api.post("/api/v1/pacs/retrievals",
                "{\"studyInstanceUids\": [\"" + study + "\"]}"))).getJsonObject(0));
        awaitTask(id, t -> t.getString("status").equals("RUNNING") && t.getInt("completed") > 0);
        server.kill();
        server.restart();
        RunningImageShare.Instance app = server.instance();
        api = new Http(app.baseUrl(), app.adminUser(), app.adminPassword());

        JsonObject interrupted = (JsonObject) Http.json(api.get("/api/v1/pacs/retrievals/" + id));
        assertThat(interrupted.getString("status")).as(interrupted.toString()).isEqualTo("FAILED");
        assertThat(interrupted.getString("error")).contains("interrupted by a restart");
        assertThat(absent(interrupted, "finishedAt")).isFalse();
        int kept = localInstances(study);
        assertThat(kept).as("what was stored before the kill stays").isBetween(1, BIG - 1);

        HttpResponse<String> retried = api.post("/api/v1/pacs/retrievals/" + id + "/retry", null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        JsonObject done = awaitFinished(id((JsonObject) Http.json(retried)));
        assertThat(done.getString("status")).as(done.toString()).isEqualTo("DONE");
        assertThat(localInstances(study)).isEqualTo(BIG);
    }

    // --- helpers

    /** JSON-B leaves null fields out. */
    private static boolean absent(JsonObject o, String field) {
        return !o.containsKey(field) || o.isNull(field);
    }

    private static long id(JsonObject o) {
        return o.getJsonNumber("id").longValue();
    }

    private static JsonObject awaitFinished(long id) throws InterruptedException {
        return awaitTask(id, t -> !t.getString("status").equals("PENDING") && !t.getString("status").equals("RUNNING"));
    }

    private static JsonObject awaitTask(long id, Predicate<JsonObject> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            JsonObject task = (JsonObject) Http.json(api.get("/api/v1/pacs/retrievals/" + id));
            if (until.test(task)) {
                return task;
            }
            assertThat(System.nanoTime()).as("task " + task).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Instances of the study in ImageShare's index (0 when it is not there). */
    private static int localInstances(String studyUid) {
        JsonArray studies = (JsonArray) Http.json(api.get("/api/v1/studies/unmatched"));
        return studies.stream().map(JsonObject.class::cast).filter(s -> s.getString("studyInstanceUid").equals(studyUid))
                .mapToInt(s -> s.getInt("numberOfInstances")).findFirst().orElse(0);
    }

    /** A study of {@code n} CT images for a patient nobody enrolled, stored in the PACS; returns its UID. */
    private static String load(String patientId, int n) throws Exception {
        String uid = Tools.uid();
        List<Path> files = Tools.study(dir.resolve("study-" + uid), patientId, uid, "20240102", n);
        List<String> store = new ArrayList<>(List.of("storescu", "-aet", "LOADER", "-aec", PACS_AE, "127.0.0.1",
                String.valueOf(pacsPort)));
        files.forEach(f -> store.add(f.toString()));
        Tools.Result r = Tools.run(store, 300);
        assertThat(r.exitCode()).as(r.output()).isZero();
        return uid;
    }

    /** dcmqrscp knowing ImageShare's AE as a move destination. */
    private static Process startPacs(Path pacsDir, int ourPort) throws Exception {
        Path db = Files.createDirectories(pacsDir.resolve("db"));
        Path cfg = pacsDir.resolve("dcmqrscp.cfg");
        Files.writeString(cfg, String.join("\n", "NetworkTCPPort = " + pacsPort, "MaxPDUSize = 16384",
                "MaxAssociations = 16", "HostTable BEGIN", "imageshare = (IMAGESHARE, 127.0.0.1, " + ourPort + ")",
                "HostTable END", "VendorTable BEGIN", "VendorTable END", "AETable BEGIN",
                PACS_AE + " " + db + " RW (2000, 1024mb) ANY", "AETable END", ""));
        ProcessBuilder pb = new ProcessBuilder("dcmqrscp", "-c", cfg.toString(), String.valueOf(pacsPort))
                .redirectErrorStream(true).redirectOutput(pacsDir.resolve("dcmqrscp.log").toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Tools.Result echo = Tools.run(List.of("echoscu", "-to", "5", "-aet", "IMAGESHARE", "-aec", PACS_AE,
                    "127.0.0.1", String.valueOf(pacsPort)), 30);
            if (echo.exitCode() == 0) {
                return p;
            }
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.destroy();
                throw new IllegalStateException("dcmqrscp did not start: " + Files.readString(pacsDir.resolve("dcmqrscp.log")));
            }
            Thread.sleep(200);
        }
    }

    enum Pdu {
        ACCEPT, REJECT_CALLING_AE, OTHER
    }

    /**
     * An A-ASSOCIATE-RQ for Verification from {@code localAddress} (DCMTK's tools cannot choose the source
     * address; 127.0.0.0/8 is all local on Linux): what the listener answered.
     */
    private static Pdu associate(String callingAe, String localAddress, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(associateRq(callingAe, "IMAGESHARE"));
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int type = in.readUnsignedByte();
            in.readUnsignedByte();
            int length = in.readInt();
            byte[] body = new byte[length];
            in.readFully(body);
            if (type == 0x02) {
                out.write(new byte[] {0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0}); // A-RELEASE-RQ
                out.flush();
                return Pdu.ACCEPT;
            }
            // A-ASSOCIATE-RJ: reserved, result, source, reason; 3 = calling AE title not recognized (source 1)
            if (type == 0x03 && body[2] == 1 && body[3] == 3) {
                return Pdu.REJECT_CALLING_AE;
            }
            return Pdu.OTHER;
        }
    }

    private static byte[] associateRq(String calling, String called) {
        byte[] appContext = item(0x10, ascii("1.2.840.10008.3.1.1.1"));
        byte[] abstractSyntax = item(0x30, ascii("1.2.840.10008.1.1"));
        byte[] transferSyntax = item(0x40, ascii("1.2.840.10008.1.2"));
        byte[] pc = item(0x20, concat(new byte[] {1, 0, 0, 0}, abstractSyntax, transferSyntax));
        byte[] maxLength = item(0x51, ByteBuffer.allocate(4).putInt(16384).array());
        byte[] implUid = item(0x52, ascii("1.2.3.4.5.6.7"));
        byte[] user = item(0x50, concat(maxLength, implUid));
        byte[] variable = concat(appContext, pc, user);
        ByteBuffer pdu = ByteBuffer.allocate(6 + 68 + variable.length);
        pdu.put((byte) 0x01).put((byte) 0).putInt(68 + variable.length);
        pdu.putShort((short) 1).putShort((short) 0);
        pdu.put(aeTitle(called)).put(aeTitle(calling)).put(new byte[32]).put(variable);
        return pdu.array();
    }

    private static byte[] item(int type, byte[] value) {
        return concat(new byte[] {(byte) type, 0, (byte) (value.length >>> 8), (byte) value.length}, value);
    }

    private static byte[] aeTitle(String ae) {
        byte[] b = new byte[16];
        java.util.Arrays.fill(b, (byte) ' ');
        byte[] a = ascii(ae);
        System.arraycopy(a, 0, b, 0, a.length);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
