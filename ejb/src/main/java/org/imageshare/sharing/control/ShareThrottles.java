// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.imageshare.login.control.SignInThrottle;
import org.imageshare.platform.control.ImageShareConfig;

/**
 * The per-address limits of the physician's side, built from the sign-in throttle: failed link look-ups
 * (unknown, tampered or dead tokens) and wrong access codes, each per address and overall per minute. The
 * per-link limit on access codes is in the database ({@code code_failures}, lock after
 * {@code imageshare.share.code-lock-after}).
 */
@ApplicationScoped
public class ShareThrottles {

    @Inject
    ImageShareConfig config;

    @Inject
    Clock clock;

    private SignInThrottle links;
    private SignInThrottle codes;
    private int codeLockAfter;
    private Duration grantTtl;

    @PostConstruct
    void init() {
        links = new SignInThrottle(new SignInThrottle.Limits(
                config.integer("imageshare.share.link-failures-per-address-per-minute"),
                config.integer("imageshare.share.link-failures-global-per-minute")), clock);
        codes = new SignInThrottle(new SignInThrottle.Limits(
                config.integer("imageshare.share.code-failures-per-address-per-minute"),
                config.integer("imageshare.share.code-failures-global-per-minute")), clock);
        codeLockAfter = config.integer("imageshare.share.code-lock-after");
        grantTtl = config.duration("imageshare.share.grant-ttl");
    }

    public SignInThrottle links() {
        return links;
    }

    public SignInThrottle codes() {
        return codes;
    }

    public int codeLockAfter() {
        return codeLockAfter;
    }

    public Duration grantTtl() {
        return grantTtl;
    }
}
