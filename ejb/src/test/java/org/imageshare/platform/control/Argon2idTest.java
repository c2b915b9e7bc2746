// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idTest {

    /** Small parameters keep the suite fast; the primitive is the same. */
    private final Argon2id argon = new Argon2id(64, 1, 1);

    @Test
    void rfc9106Argon2idTestVectorIsReproduced() {
        // RFC 9106 §5.3: Argon2id, v=0x13, m=32 KiB, t=3, p=4, tag 32 bytes, with secret and associated data.
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] ad = filled(12, 0x04);

        byte[] tag = Argon2id.argon2id(password, salt, 32, 3, 4, 32, secret, ad);

        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void hashFromReferenceImplementationVerifies() {
        // Made with the reference CLI (Debian package argon2):
        // echo -n "correct horse battery staple" | argon2 ImageShareSalt16 -id -t 2 -k 19456 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$SW1hZ2VTaGFyZVNhbHQxNg"
                + "$k0HT7YqUyaLdMRhyqceXFQ1Vr4PD9uNSrYlYNnOrR4U";

        assertThat(argon.verify("correct horse battery staple".toCharArray(), reference)).isTrue();
        assertThat(argon.verify("correct horse battery stapler".toCharArray(), reference)).isFalse();
    }

    @Test
    void hashHasPhcFormatWithThisInstancesParameters() {
        String encoded = argon.hash("123456".toCharArray());

        assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void correctPinIsAccepted() {
        String encoded = argon.hash("123456".toCharArray());

        assertThat(argon.verify("123456".toCharArray(), encoded)).isTrue();
    }

    @Test
    void nonAsciiSecretRoundTrips() {
        String encoded = argon.hash("Zażółć gęślą jaźń ✓".toCharArray());

        assertThat(argon.verify("Zażółć gęślą jaźń ✓".toCharArray(), encoded)).isTrue();
        assertThat(argon.verify("Zazolc gesla jazn ✓".toCharArray(), encoded)).isFalse();
    }

    @Test
    void wrongPinIsRejected() {
        String encoded = argon.hash("123456".toCharArray());

        assertThat(argon.verify("123457".toCharArray(), encoded)).isFalse();
        assertThat(argon.verify(new char[0], encoded)).isFalse();
        assertThat(argon.verify(null, encoded)).isFalse();
    }

    @Test
    void tamperedHashIsRejected() {
        String encoded = argon.hash("123456".toCharArray());
        String[] parts = encoded.split("\\$");
        String flippedHash = String.join("$", parts[0], parts[1], parts[2], parts[3], parts[4], flipFirst(parts[5]));
        String flippedSalt = String.join("$", parts[0], parts[1], parts[2], parts[3], flipFirst(parts[4]), parts[5]);
        String otherParameters = encoded.replace("m=64", "m=72");

        assertThat(argon.verify("123456".toCharArray(), flippedHash)).isFalse();
        assertThat(argon.verify("123456".toCharArray(), flippedSalt)).isFalse();
        assertThat(argon.verify("123456".toCharArray(), otherParameters)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "garbage",
        "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=64,t=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$t=1,m=64,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=-64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=64,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=64,t=1000000,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=64,t=1,p=1$$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$not*base64!",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA==$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$extra",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=064,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
    })
    void malformedEncodingIsRejectedWithoutException(String encoded) {
        assertThat(argon.verify("123456".toCharArray(), encoded)).isFalse();
        assertThat(argon.needsRehash(encoded)).isTrue();
    }

    @Test
    void eachHashGetsItsOwnSalt() {
        List<String> hashes = List.of(argon.hash("123456".toCharArray()), argon.hash("123456".toCharArray()));

        assertThat(hashes.get(0)).isNotEqualTo(hashes.get(1));
        assertThat(salt(hashes.get(0))).isNotEqualTo(salt(hashes.get(1)));
        assertThat(hashes).allMatch(h -> argon.verify("123456".toCharArray(), h));
    }

    @Test
    void hashWithOtherParametersNeedsRehashButStillVerifies() {
        Argon2id stronger = new Argon2id(128, 2, 1);
        String old = argon.hash("123456".toCharArray());

        assertThat(argon.needsRehash(old)).isFalse();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(stronger.verify("123456".toCharArray(), old)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("123456".toCharArray()))).isFalse();
    }

    @Test
    void defaultsFollowOwaspMinimum() {
        String encoded = Argon2id.defaults().hash("123456".toCharArray());

        assertThat(encoded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(Argon2id.defaults().verify("123456".toCharArray(), encoded)).isTrue();
    }

    @Test
    void dummyVerifyCompletesWithoutEffect() {
        char[] secret = "123456".toCharArray();

        argon.dummyVerify(secret);
        argon.dummyVerify(null);

        assertThat(secret).containsExactly('1', '2', '3', '4', '5', '6');
    }

    @Test
    void unsafeParametersAreRefused() {
        assertThatThrownBy(() -> new Argon2id(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2id(64, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2id(64, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String salt(String encoded) {
        return encoded.split("\\$")[4];
    }

    private static String flipFirst(String base64) {
        return (base64.charAt(0) == 'A' ? 'B' : 'A') + base64.substring(1);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
