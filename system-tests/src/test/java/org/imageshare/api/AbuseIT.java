// SPDX-License-Identifier: Apache-2.0
package org.imageshare.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.imageshare.system.RunningImageShare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guessing PINs at scale, against an instance of its own (the flood must not throttle other tests) with
 * the default sign-in policy. The instance trusts X-Forwarded-For from loopback, as behind a reverse proxy,
 * so the test can speak for an attacker's address and a legitimate patient's.
 */
class AbuseIT {

    private static final String BIRTH_DATE = "1980-01-15";
    private static final String ATTACKER_ONE = "203.0.113.7";
    private static final String ATTACKER_TWO = "203.0.113.8";
    private static final String PATIENT_ADDRESS = "198.51.100.20";
    /** The default per-address limit; a few in-flight requests may slip past the check-then-count. */
    private static final int PER_ADDRESS_LIMIT = 20;
    private static final int THREADS = 8;

    private static RunningImageShare.Dedicated server;
    private static Api api;
    private static String admin;

    @BeforeAll
    static void start() {
        server = RunningImageShare.startDedicated("abuse", Map.of("IMAGESHARE_TRUSTED_PROXIES", "127.0.0.1"));
        api = new Api(server.instance().baseUrl());
        admin = Api.basic(server.instance().adminUser(), server.instance().adminPassword());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void floodsOfWrongPinsGetNobodyInLockNobodyBeyondThePolicyAndLeaveTheServerResponsive() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<String[]> accounts = enrolAll(pool, 1_000);
            String[] target = accounts.get(0);
            String[] patient = enrolAll(pool, 1).get(0);
            HealthProbe probe = new HealthProbe();
            Thread probing = new Thread(probe::run, "health-probe");
            probing.start();

            // 200 wrong PINs at one account
            Map<Integer, AtomicLong> first = attack(pool, 200, i -> Api.loginJson(target[0], wrongPin(target[1], i), BIRTH_DATE),
                    ATTACKER_ONE);
            // 3 wrong PINs at each of 1,000 accounts, from one other address
            Map<Integer, AtomicLong> second = attack(pool, 3_000,
                    i -> Api.loginJson(accounts.get(i / 3)[0], wrongPin(accounts.get(i / 3)[1], i), BIRTH_DATE), ATTACKER_TWO);

            probe.stop();
            probing.join();

            // nobody got in; every answer was a refusal or a throttle
            for (Map<Integer, AtomicLong> statuses : List.of(first, second)) {
                assertThat(statuses.keySet()).isSubsetOf(Set.of(401, 429));
                assertThat(statuses.get(429)).as("the address limit must have answered 429").isNotNull();
            }
            // each address got only about its per-address budget of real PIN checks
            assertThat(first.get(401).get()).isLessThanOrEqualTo(PER_ADDRESS_LIMIT + THREADS);
            assertThat(second.get(401).get()).isLessThanOrEqualTo(PER_ADDRESS_LIMIT + THREADS);

            // no account is locked: none saw the 10 consecutive verified failures the policy locks at
            JsonArray locked = Api.parse(api.get("/api/v1/enrolments?locked=true", "Authorization", admin).body())
                    .asJsonArray();
            assertThat(locked).isEmpty();
            JsonObject targetState = Api.object(api.get("/api/v1/enrolments/" + target[0], "Authorization", admin));
            assertThat(targetState.getInt("failedAttempts")).isBetween(1, 9);
            assertThat(targetState.getBoolean("locked")).isFalse();

            // the server stayed responsive, and a patient elsewhere signs in at once
            assertThat(probe.worst()).as("slowest /health during the flood").isLessThan(Duration.ofSeconds(2));
            long started = System.nanoTime();
            HttpResponse<String> signIn = api.post("/api/v1/patient/login", Api.loginJson(patient[0], patient[1], BIRTH_DATE),
                    "X-Forwarded-For", PATIENT_ADDRESS);
            assertThat(signIn.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            // while the attacker's address is still turned away
            assertThat(api.post("/api/v1/patient/login", Api.loginJson(patient[0], patient[1], BIRTH_DATE),
                    "X-Forwarded-For", ATTACKER_ONE).statusCode()).isEqualTo(429);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String[]> enrolAll(ExecutorService pool, int count) throws Exception {
        List<Future<String[]>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                HttpResponse<String> created = api.post("/api/v1/enrolments", Api.enrolmentJson(
                        "ABUSE-" + java.util.UUID.randomUUID(), "Target", "Test", BIRTH_DATE, null), "Authorization", admin);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                JsonObject body = Api.object(created);
                return new String[] {body.getString("accountNumber"), body.getString("pin")};
            }));
        }
        List<String[]> accounts = new ArrayList<>();
        for (Future<String[]> future : futures) {
            accounts.add(future.get(5, TimeUnit.MINUTES));
        }
        return accounts;
    }

    private static Map<Integer, AtomicLong> attack(ExecutorService pool, int attempts, IntFunction<String> body,
            String address) throws Exception {
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            int attempt = i;
            futures.add(pool.submit(() -> {
                int status = api.post("/api/v1/patient/login", body.apply(attempt), "X-Forwarded-For", address).statusCode();
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            }));
        }
        for (Future<?> future : futures) {
            future.get(5, TimeUnit.MINUTES);
        }
        return statuses;
    }

    /** A PIN that is certainly wrong for this account. */
    private static String wrongPin(String rightPin, int attempt) {
        String candidate = String.format("%06d", new SecureRandom().nextInt(1_000_000));
        return candidate.equals(rightPin) ? String.format("%06d", (Integer.parseInt(rightPin) + 1) % 1_000_000) : candidate;
    }

    /** Polls /health while the flood runs and keeps the slowest answer. */
    private static final class HealthProbe {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Duration> times = Collections.synchronizedList(new ArrayList<>());

        void run() {
            while (running.get()) {
                long started = System.nanoTime();
                int status = api.get("/health").statusCode();
                times.add(status == 200 ? Duration.ofNanos(System.nanoTime() - started) : Duration.ofDays(1));
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            running.set(false);
        }

        Duration worst() {
            synchronized (times) {
                return times.stream().max(Duration::compareTo).orElse(Duration.ofDays(1));
            }
        }
    }
}
