// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.imageshare.platform.control.Secrets;

/**
 * The grant cookie a physician gets after a correct access code, so that the following clicks (landing page,
 * viewer, download) need no code and no database write to prove it: {@code <until epoch seconds>.<MAC>}, the
 * MAC an HMAC-SHA256 over the share id, the link's token hash and the time, under a key drawn at start-up and
 * kept in memory only. A restart therefore asks for the code again (documented). The link's own state is
 * still checked on every request, so a revoke or expiry ends the grant at once.
 */
@ApplicationScoped
public class ShareGrants {

    private final byte[] key;

    public ShareGrants() {
        this(randomKey());
    }

    public ShareGrants(byte[] key) {
        this.key = key.clone();
    }

    public String issue(long shareId, String tokenHash, Instant until) {
        long epoch = until.getEpochSecond();
        return epoch + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(shareId, tokenHash, epoch));
    }

    /** True when the value was issued here for this link and is not past its time. */
    public boolean valid(String value, long shareId, String tokenHash, Instant now) {
        if (value == null || value.length() > 100) {
            return false;
        }
        int dot = value.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long epoch;
        byte[] given;
        try {
            epoch = Long.parseLong(value.substring(0, dot));
            given = Base64.getUrlDecoder().decode(value.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean macOk = MessageDigest.isEqual(mac(shareId, tokenHash, epoch), given);
        return macOk && now.getEpochSecond() < epoch;
    }

    private byte[] mac(long shareId, String tokenHash, long epoch) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal((shareId + "|" + tokenHash + "|" + epoch).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        Secrets.random().nextBytes(k);
        return k;
    }
}
