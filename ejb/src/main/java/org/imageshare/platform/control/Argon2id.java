// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 19) password and PIN hashing in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. Thread-safe.
 */
public final class Argon2id {

    public static final int DEFAULT_MEMORY_KIB = 19_456;
    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    // Bounds for parameters read back from a stored string, so a corrupt or hostile row cannot make
    // verification allocate gigabytes or spin for minutes.
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 16;
    private static final int MIN_SALT_BYTES = 8;
    private static final int MAX_SALT_BYTES = 64;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_HASH_BYTES = 64;
    private static final int MAX_ENCODED_LENGTH = 256;

    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();
    private final byte[] dummySalt = new byte[SALT_BYTES];
    private final byte[] dummyHash = new byte[HASH_BYTES];

    public Argon2id(int memoryKiB, int iterations, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("memoryKiB must be 8*parallelism.." + MAX_MEMORY_KIB);
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        random.nextBytes(dummySalt);
        random.nextBytes(dummyHash);
    }

    /**
     * OWASP's minimum Argon2id configuration: m=19456 KiB, t=2, p=1. Measured on the 2-core build machine
     * (BouncyCastle 1.87, JDK 17, warm JIT): about 65 ms per hash or verify, one core and 19 MiB each.
     */
    public static Argon2id defaults() {
        return new Argon2id(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }

    /** Hashes {@code secret} with a fresh 16-byte salt. The caller still owns (and should wipe) {@code secret}. */
    public String hash(char[] secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(secret, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
        try {
            return PREFIX + "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                    + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    /**
     * True if {@code secret} matches {@code encoded}, using the parameters stored in {@code encoded}.
     * False, never an exception, for a null or malformed input.
     */
    public boolean verify(char[] secret, String encoded) {
        Optional<Phc> parsed = Phc.parse(encoded);
        if (secret == null || parsed.isEmpty()) {
            dummyVerify(secret == null ? new char[0] : secret);
            return false;
        }
        Phc phc = parsed.get();
        byte[] actual = derive(secret, phc.salt, phc.memoryKiB, phc.iterations, phc.parallelism, phc.hash.length);
        try {
            return MessageDigest.isEqual(actual, phc.hash);
        } finally {
            Arrays.fill(actual, (byte) 0);
            Arrays.fill(phc.hash, (byte) 0);
        }
    }

    /** True if {@code encoded} is malformed or was made with parameters other than this instance's. */
    public boolean needsRehash(String encoded) {
        return Phc.parse(encoded)
                .map(p -> p.memoryKiB != memoryKiB || p.iterations != iterations || p.parallelism != parallelism
                        || p.salt.length != SALT_BYTES || p.hash.length != HASH_BYTES)
                .orElse(true);
    }

    /**
     * Spends the time of a real {@link #verify} with this instance's parameters and always fails; call it when
     * the account does not exist so that response time does not reveal that.
     */
    public void dummyVerify(char[] secret) {
        byte[] actual = derive(secret == null ? new char[0] : secret, dummySalt, memoryKiB, iterations, parallelism,
                HASH_BYTES);
        try {
            MessageDigest.isEqual(actual, dummyHash);
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    private static byte[] derive(char[] secret, byte[] salt, int memoryKiB, int iterations, int parallelism,
            int length) {
        byte[] password = utf8(secret);
        try {
            return argon2id(password, salt, memoryKiB, iterations, parallelism, length, null, null);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** The raw RFC 9106 Argon2id function (version 0x13); {@code key} and {@code associatedData} may be null. */
    static byte[] argon2id(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length,
            byte[] key, byte[] associatedData) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt);
        if (key != null) {
            builder.withSecret(key);
        }
        if (associatedData != null) {
            builder.withAdditional(associatedData);
        }
        Argon2Parameters parameters = builder.build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        parameters.clear();
        return out;
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    private static final class Phc {
        final int memoryKiB;
        final int iterations;
        final int parallelism;
        final byte[] salt;
        final byte[] hash;

        private Phc(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
            this.memoryKiB = memoryKiB;
            this.iterations = iterations;
            this.parallelism = parallelism;
            this.salt = salt;
            this.hash = hash;
        }

        static Optional<Phc> parse(String encoded) {
            if (encoded == null || encoded.length() > MAX_ENCODED_LENGTH || !encoded.startsWith(PREFIX)) {
                return Optional.empty();
            }
            String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            String[] params = parts[0].split(",", -1);
            if (params.length != 3 || !params[0].startsWith("m=") || !params[1].startsWith("t=")
                    || !params[2].startsWith("p=")) {
                return Optional.empty();
            }
            int m = number(params[0].substring(2));
            int t = number(params[1].substring(2));
            int p = number(params[2].substring(2));
            if (p < 1 || p > MAX_PARALLELISM || t < 1 || t > MAX_ITERATIONS || m < 8 * p || m > MAX_MEMORY_KIB) {
                return Optional.empty();
            }
            byte[] salt = base64(parts[1]);
            byte[] hash = base64(parts[2]);
            if (salt == null || hash == null || salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES
                    || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new Phc(m, t, p, salt, hash));
        }

        /** A decimal without sign or leading zeros (PHC), or -1. */
        private static int number(String s) {
            if (s.isEmpty() || s.length() > 9 || (s.length() > 1 && s.charAt(0) == '0')
                    || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            return Integer.parseInt(s);
        }

        /** Unpadded standard base64 (PHC), or null. */
        private static byte[] base64(String s) {
            if (s.isEmpty() || s.indexOf('=') >= 0 || s.length() % 4 == 1) {
                return null;
            }
            try {
                return B64_DECODER.decode(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
