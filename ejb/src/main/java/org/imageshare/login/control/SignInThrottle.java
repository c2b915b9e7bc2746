// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * In-memory limits on failed sign-ins per source address and in total, over a sliding 60-second window.
 * Ask {@link #check} before any PIN verification; report each failed attempt with {@link #recordFailure}.
 * Thread-safe; memory is bounded by the number of tracked addresses times the per-address limit.
 */
public final class SignInThrottle {

    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_TRACKED_ADDRESSES = 10_000;

    private static final int MAX_LIMIT = 1_000_000;
    private static final int MAX_KEY_LENGTH = 64;
    private static final String UNKNOWN_ADDRESS = "unknown";

    /** Failures allowed within one sliding minute, per source address and across all addresses. */
    public record Limits(int perAddressFailuresPerMinute, int globalFailuresPerMinute) {
        public Limits {
            if (perAddressFailuresPerMinute < 1 || perAddressFailuresPerMinute > MAX_LIMIT) {
                throw new IllegalArgumentException("perAddressFailuresPerMinute must be 1.." + MAX_LIMIT);
            }
            if (globalFailuresPerMinute < 1 || globalFailuresPerMinute > MAX_LIMIT) {
                throw new IllegalArgumentException("globalFailuresPerMinute must be 1.." + MAX_LIMIT);
            }
        }
    }

    /** Whether a sign-in attempt may proceed to PIN verification; callers answer 429 unless ALLOWED. */
    public enum Verdict { ALLOWED, LIMITED_ADDRESS, LIMITED_GLOBAL }

    private final Limits limits;
    private final Clock clock;
    private final int maxTrackedAddresses;
    private final long windowMillis = WINDOW.toMillis();

    // Guarded by "this". Insertion order is kept equal to last-failure order (re-inserted on each failure),
    // so the head is always the address that failed longest ago and stale entries are evicted from the head.
    private final LinkedHashMap<String, FailureLog> byAddress = new LinkedHashMap<>();
    private FailureLog global;

    public SignInThrottle(Limits limits, Clock clock) {
        this(limits, clock, DEFAULT_MAX_TRACKED_ADDRESSES);
    }

    public SignInThrottle(Limits limits, Clock clock, int maxTrackedAddresses) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxTrackedAddresses < 1) {
            throw new IllegalArgumentException("maxTrackedAddresses must be positive");
        }
        this.maxTrackedAddresses = maxTrackedAddresses;
        this.global = new FailureLog(limits.globalFailuresPerMinute());
    }

    /** Whether an attempt from {@code address} (a client IP, may be null) may be verified now. */
    public synchronized Verdict check(String address) {
        long now = clock.millis();
        FailureLog log = byAddress.get(key(address));
        if (log != null && log.isFull(now, windowMillis)) {
            return Verdict.LIMITED_ADDRESS;
        }
        if (global.isFull(now, windowMillis)) {
            return Verdict.LIMITED_GLOBAL;
        }
        return Verdict.ALLOWED;
    }

    /** Counts one failed sign-in from {@code address} against its limit and the global one. */
    public synchronized void recordFailure(String address) {
        long now = clock.millis();
        global.add(now);
        String key = key(address);
        FailureLog log = byAddress.remove(key);
        if (log == null) {
            makeRoom(now);
            log = new FailureLog(limits.perAddressFailuresPerMinute());
        }
        log.add(now);
        byAddress.put(key, log);
    }

    /** Forgets every failure (for tests and operators). */
    public synchronized void reset() {
        byAddress.clear();
        global = new FailureLog(limits.globalFailuresPerMinute());
    }

    synchronized int trackedAddresses() {
        return byAddress.size();
    }

    private void makeRoom(long now) {
        Iterator<Map.Entry<String, FailureLog>> oldestFirst = byAddress.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            FailureLog log = oldestFirst.next().getValue();
            boolean stale = log.newest() <= now - windowMillis;
            if (!stale && byAddress.size() < maxTrackedAddresses) {
                return;
            }
            // Stale entries hold no information; beyond the cap the least recently failing address is
            // forgotten, and the global limit still bounds what a spread-out attacker can try.
            oldestFirst.remove();
        }
    }

    /**
     * The map key for a client address: IPv4 as is, IPv6 by its /64 prefix (one subscriber usually owns a
     * whole /64), IPv4-mapped IPv6 as IPv4; anything else lower-cased and truncated.
     */
    static String key(String address) {
        if (address == null || address.isBlank()) {
            return UNKNOWN_ADDRESS;
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.indexOf(':') >= 0) {
            int[] groups = ipv6Groups(a);
            if (groups != null) {
                if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                        && groups[5] == 0xffff) {
                    return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "."
                            + (groups[7] & 0xff);
                }
                return String.format(Locale.ROOT, "%x:%x:%x:%x::/64", groups[0], groups[1], groups[2], groups[3]);
            }
        }
        return a.length() > MAX_KEY_LENGTH ? a.substring(0, MAX_KEY_LENGTH) : a;
    }

    /** The eight 16-bit groups of an IPv6 literal (with "::" and a dotted IPv4 tail), or null. */
    private static int[] ipv6Groups(String a) {
        int gap = a.indexOf("::");
        if (gap >= 0 && a.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? a.substring(0, gap) : a;
        String tail = gap >= 0 ? a.substring(gap + 2) : "";
        int[] front = parseGroups(head);
        int[] back = parseGroups(tail);
        if (front == null || back == null) {
            return null;
        }
        int missing = 8 - front.length - back.length;
        if (gap >= 0 ? missing < 1 : missing != 0) {
            return null;
        }
        int[] groups = new int[8];
        System.arraycopy(front, 0, groups, 0, front.length);
        System.arraycopy(back, 0, groups, 8 - back.length, back.length);
        return groups;
    }

    private static int[] parseGroups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] texts = part.split(":", -1);
        boolean dottedTail = texts[texts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[texts.length + (dottedTail ? 1 : 0)];
        for (int i = 0; i < texts.length; i++) {
            String t = texts[i];
            if (dottedTail && i == texts.length - 1) {
                int[] v4 = ipv4(t);
                if (v4 == null) {
                    return null;
                }
                groups[i] = v4[0] << 8 | v4[1];
                groups[i + 1] = v4[2] << 8 | v4[3];
            } else if (t.isEmpty() || t.length() > 4 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            } else {
                groups[i] = Integer.parseInt(t, 16);
            }
        }
        return groups.length > 8 ? null : groups;
    }

    private static int[] ipv4(String t) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] bytes = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            bytes[i] = Integer.parseInt(p);
            if (bytes[i] > 255) {
                return null;
            }
        }
        return bytes;
    }

    /** The times of the most recent {@code capacity} failures, in a ring. */
    private static final class FailureLog {
        private final long[] times;
        private int next;
        private int count;

        FailureLog(int capacity) {
            times = new long[capacity];
        }

        void add(long now) {
            times[next] = now;
            next = (next + 1) % times.length;
            count = Math.min(count + 1, times.length);
        }

        /** True if {@code capacity} failures happened within the window ending now. */
        boolean isFull(long now, long windowMillis) {
            return count == times.length && times[next] > now - windowMillis;
        }

        long newest() {
            return times[(next - 1 + times.length) % times.length];
        }
    }
}
