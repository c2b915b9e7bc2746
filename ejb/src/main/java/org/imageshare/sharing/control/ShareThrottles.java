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

    public ShareThrottles() {
    }

    /** As configured, for tests: limits on failed look-ups and wrong codes, the per-link lock, the grant's life. */
    public ShareThrottles(SignInThrottle.Limits linkLimits, SignInThrottle.Limits codeLimits, int codeLockAfter,
            Duration grantTtl, Clock clock) {
        configure(linkLimits, codeLimits, codeLockAfter, grantTtl, clock);
    }

    @PostConstruct
    void init() {
        configure(new SignInThrottle.Limits(
                        config.integer("imageshare.share.link-failures-per-address-per-minute"),
                        config.integer("imageshare.share.link-failures-global-per-minute")),
                new SignInThrottle.Limits(
                        config.integer("imageshare.share.code-failures-per-address-per-minute"),
                        config.integer("imageshare.share.code-failures-global-per-minute")),
                config.integer("imageshare.share.code-lock-after"), config.duration("imageshare.share.grant-ttl"),
                clock);
    }

    private void configure(SignInThrottle.Limits linkLimits, SignInThrottle.Limits codeLimits, int lockAfter,
            Duration ttl, Clock time) {
        if (lockAfter < 1) {
            throw new IllegalArgumentException("imageshare.share.code-lock-after must be at least 1");
        }
        links = new SignInThrottle(linkLimits, time);
        codes = new SignInThrottle(codeLimits, time);
        codeLockAfter = lockAfter;
        grantTtl = ttl;
    }

    /** After a wrong code: whether the link's failures so far lock it. */
    public boolean locksAfter(int failures) {
        return failures >= codeLockAfter;
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
